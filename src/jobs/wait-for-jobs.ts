// Waits, bounded, until any or all of some jobs end: answers as soon as they do (or, if asked, as soon as one waits
// for the caller's answer). Used by tool calls and the CLI.
import { setTimeout as sleep } from 'node:timers/promises';
import { inspectJob, type JobSnapshot } from './inspect-job.js';
import { hasEnded } from './status.js';

const POLL_MS = 50;
const PROGRESS_EVERY_MS = 2000;

export type WaitMode = 'any' | 'all';

export interface WaitOptions {
  signal?: AbortSignal;
  // Called every 2 s while waiting.
  onProgress?: (ended: number, total: number, elapsedMs: number) => Promise<void> | void;
  // Called at each look that finds a job still queued, so a long wait also moves the queue (a launch whose runner
  // never came is put back in the queue by the look, and launched again by this).
  whileQueued?: () => Promise<unknown>;
  // Answer as soon as a job waits for the caller's answer (input_required): it will not end while the caller waits.
  untilInputRequired?: boolean;
}

export async function waitForJobs(root: string, jobIds: string[], mode: WaitMode, waitMs: number, options: WaitOptions = {}): Promise<JobSnapshot[]> {
  const started = Date.now();
  const deadline = started + waitMs;
  let nextProgress = started + PROGRESS_EVERY_MS;
  for (;;) {
    const snapshots = await Promise.all(jobIds.map((jobId) => inspectJob(root, jobId)));
    const ended = snapshots.filter((snapshot) => hasEnded(snapshot.status)).length;
    const satisfied = mode === 'any' ? ended > 0 : ended === snapshots.length;
    const needsAnswer = options.untilInputRequired === true && snapshots.some((snapshot) => snapshot.status === 'input_required');
    if (satisfied || needsAnswer || Date.now() >= deadline || options.signal?.aborted) return snapshots;
    if (options.whileQueued && snapshots.some((snapshot) => snapshot.status === 'queued')) await options.whileQueued();
    if (options.onProgress && Date.now() >= nextProgress) {
      nextProgress += PROGRESS_EVERY_MS;
      await options.onProgress(ended, snapshots.length, Date.now() - started);
    }
    await sleep(POLL_MS);
  }
}
