// The one lock over the queue and the slots: short critical sections only, never a liveness signal.
import lockfile from 'proper-lockfile';
import { rootPaths } from './layout.js';

export async function withQueueLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const paths = rootPaths(root);
  const release = await lockfile.lock(paths.queue, {
    lockfilePath: paths.lock,
    realpath: false,
    stale: 10_000,
    retries: { retries: 200, factor: 1.2, minTimeout: 5, maxTimeout: 100 },
    // A lock lost to a stalled event loop must not crash the holder from a timer; the queue re-checks every slot.
    onCompromised: () => undefined,
  });
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
