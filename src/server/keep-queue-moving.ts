// A running server keeps the shared queue moving with no call at all: every few seconds it wakes a worker if one is
// wanted (jobs wait for a free slot, or a claim's worker died and its ending must be recorded; see wake-workers.ts).
// It also removes finished jobs past their retention, at most once an hour.
import { removeJobs } from '../jobs/index.js';
import type { Settings } from '../settings.js';

const TICK_MS = 3000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function keepQueueMoving(settings: Settings, wakeWorkers: () => void): () => void {
  const root = settings.jobDir;
  let lastPruneAt = 0;
  const tick = () => {
    wakeWorkers();
    if (settings.retentionDays > 0 && Date.now() - lastPruneAt >= PRUNE_EVERY_MS) {
      lastPruneAt = Date.now();
      void removeJobs(root, { endedBeforeMs: Date.now() - settings.retentionDays * DAY_MS }).catch(() => undefined);
    }
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
