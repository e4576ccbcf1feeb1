// The one lock over the queue and the slots: short critical sections only, never a liveness signal. Taken with
// proper-lockfile's synchronous calls (an uncontended lock then costs microseconds, not three thread-pool round
// trips), and waited for without blocking: between tries the event loop runs on.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { rootPaths } from './layout.js';

const TRIES = 200;
const MAX_PAUSE_MS = 100;

async function acquire(root: string): Promise<() => void> {
  const paths = rootPaths(root);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return lockfile.lockSync(paths.queue, {
        lockfilePath: paths.lock,
        realpath: false,
        // A holder that died (a server killed mid-pass) stalls the queue this long: critical sections take ms.
        stale: 4_000,
        // A lock lost to a stalled event loop must not crash the holder from a timer; the queue re-checks every slot.
        onCompromised: () => undefined,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || attempt >= TRIES) throw error;
      await sleep(Math.min(MAX_PAUSE_MS, 2 * attempt) + Math.random() * 5);
    }
  }
}

// The roots whose lock the current call chain holds: work under the lock that reads a job may find it needs the
// lock again (a lost launch goes back to the queue under it), and must not wait on itself.
const held = new AsyncLocalStorage<ReadonlySet<string>>();

export async function withQueueLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const holding = held.getStore() ?? new Set<string>();
  if (holding.has(root)) return work();
  const release = await acquire(root);
  try {
    return await held.run(new Set([...holding, root]), work);
  } finally {
    try {
      release();
    } catch {
      // Already released, or taken over as stale: nothing to give back.
    }
  }
}
