// Makes sure workers will look at the queue: after a start, and on the server's timer. A worker is woken only when
// one could claim a job now, less the workers woken a moment ago that may not have claimed yet, so a burst of starts
// under a full cap wakes nobody; a wake held back that way is looked at again shortly.
import { workersWanted } from '../jobs/index.js';
import { SpareWorker } from '../runner/spare-worker.js';
import type { Settings } from '../settings.js';

// About how long a woken worker takes to claim its job.
const CLAIM_MS = 300;

export function makeWorkerWaker(settings: Settings): () => void {
  const spare = new SpareWorker(settings.jobDir);
  let recent: number[] = [];
  let recheck: NodeJS.Timeout | undefined;
  const wake = (): void => {
    const now = Date.now();
    recent = recent.filter((at) => now - at < CLAIM_MS);
    if (workersWanted(settings.jobDir, settings.maxParallel) <= recent.length) {
      if (recent.length > 0 && !recheck) recheck = setTimeout(() => ((recheck = undefined), wake()), CLAIM_MS).unref();
      return;
    }
    recent.push(now);
    spare.wake();
  };
  return wake;
}
