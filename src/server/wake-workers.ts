// Makes sure workers will look at the queue: after a start, and on the server's timer. A worker is woken only when
// one could claim a job now. Waking the spare costs nothing; a new worker is started only when it is not one too
// many, counting those started a moment ago that may not have claimed yet, so a burst of starts under a full cap
// starts nobody; a wake held back that way is looked at again shortly.
import { workersWanted } from '../jobs/index.js';
import { SpareWorker } from '../runner/spare-worker.js';
import type { Settings } from '../settings.js';

// About how long a woken worker takes to claim its job.
const CLAIM_MS = 200;

export function makeWorkerWaker(settings: Settings): () => void {
  const spare = new SpareWorker(settings.jobDir);
  let recent: number[] = [];
  let recheck: NodeJS.Timeout | undefined;
  const wake = (): void => {
    const wanted = workersWanted(settings.jobDir, settings.maxParallel);
    if (wanted === 0) return;
    const now = Date.now();
    recent = recent.filter((at) => now - at < CLAIM_MS);
    if (!spare.isReady() && wanted <= recent.length) {
      if (!recheck) recheck = setTimeout(() => ((recheck = undefined), wake()), CLAIM_MS).unref();
      return;
    }
    recent.push(now);
    spare.wake();
  };
  return wake;
}
