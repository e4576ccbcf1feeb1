// Waits, bounded, until any or all of some jobs end: answers as soon as they do (or, if asked, as soon as one waits
// for the caller's answer). Used by tool calls and the CLI.
// Between looks it sleeps until a job's records change (job-events.ts) or a slow look is due: a worker that dies
// writes no file, so that look is what sees it.
import { onJobChange } from './job-events.js';
import { inspectJob, type JobSnapshot } from './inspect-job.js';
import { hasEnded } from './status.js';

const SLOW_LOOK_MS = 2000;
const PROGRESS_EVERY_MS = 2000;

export type WaitMode = 'any' | 'all';

export interface WaitOptions {
  signal?: AbortSignal;
  // Called every 2 s while waiting.
  onProgress?: (ended: number, total: number, elapsedMs: number) => Promise<void> | void;
  // Answer as soon as a job waits for the caller's answer (input_required): it will not end while the caller waits.
  untilInputRequired?: boolean;
}

// Resolves at the first change to any of the jobs' records, after `ms`, or when aborted.
function nextChange(root: string, jobIds: string[], ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stops: Array<() => void> = [];
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      stops.forEach((stop) => stop());
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    for (const jobId of jobIds) stops.push(onJobChange(root, jobId, done));
  });
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
    if (options.onProgress && Date.now() >= nextProgress) {
      nextProgress += PROGRESS_EVERY_MS;
      await options.onProgress(ended, snapshots.length, Date.now() - started);
    }
    const pending = snapshots.filter((snapshot) => !hasEnded(snapshot.status)).map((snapshot) => snapshot.jobId);
    await nextChange(root, pending, Math.max(1, Math.min(deadline, nextProgress, Date.now() + SLOW_LOOK_MS) - Date.now()), options.signal);
  }
}
