// The one lock over the queue and the slots, taken by workers only. proper-lockfile's lock can be taken over when
// its holder stalls past `stale` (a paused process, a laptop asleep), so the lock alone cannot keep the cap: a
// holder that resumes would go on with what it counted before. Every pass therefore writes a token of its own
// right after taking the lock and before reading anything; after its writes it checks the token is still its own.
// If so, no other pass has read or written since this one began, so its writes were made alone and stand; if not,
// the pass undoes them before anything is started (fencing, without a server to hand out the tokens).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { rootPaths } from './layout.js';
import { writeRecord } from './records.js';

const PAUSE_MS = 50;

export interface LockedPass {
  // Called with the pass's writes already made; runs in reverse order if the pass turns out not to have been alone.
  onUndo(undo: () => void): void;
}

async function acquire(root: string, deadline: number): Promise<(() => void) | undefined> {
  const paths = rootPaths(root);
  for (;;) {
    try {
      return lockfile.lockSync(paths.queue, {
        lockfilePath: paths.lock,
        realpath: false,
        // A holder that died mid-pass stalls the queue this long; a pass takes milliseconds.
        stale: 10_000,
        // A lock lost to a stall must not crash the holder from a timer: the token check below catches it.
        onCompromised: () => undefined,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() >= deadline) return undefined;
      await sleep(PAUSE_MS + Math.random() * PAUSE_MS);
    }
  }
}

function ownsLock(root: string, token: string): boolean {
  try {
    return readFileSync(rootPaths(root).lockOwner, 'utf8').includes(token);
  } catch {
    return false;
  }
}

// Runs `work` alone over the queue. Returns undefined when the lock could not be had by `deadline` or the pass was
// not alone after all (its writes then undone).
export async function withQueueLock<T>(root: string, deadline: number, work: (pass: LockedPass) => Promise<T>): Promise<T | undefined> {
  const release = await acquire(root, deadline);
  if (!release) return undefined;
  const token = randomUUID();
  const undos: Array<() => void> = [];
  try {
    await writeRecord(rootPaths(root).lockOwner, { token, pid: process.pid });
    const result = await work({ onUndo: (undo) => undos.push(undo) });
    if (ownsLock(root, token)) return result;
    for (const undo of undos.reverse()) undo();
    return undefined;
  } finally {
    try {
      release();
    } catch {
      // Taken over as stale: nothing to give back.
    }
  }
}
