// A worker: claims a job from the queue, runs it, records its end, and claims the next, until none may run. Any
// worker may run any job: each job carries the environment and settings of the server that created it.
import { ensureRoot } from '../jobs/ensure-root.js';
import { claimNextJob, type ClaimedJob } from '../jobs/queue.js';
import { recordExit } from '../jobs/run-records.js';
import type { ExitRecord, JobRecord } from '../jobs/schema.js';
import { endedWithout } from '../jobs/status.js';
import { describeProcess } from '../process/identity.js';
import type { Settings } from '../settings.js';
import { capLogs } from './cap-logs.js';
import { JobRun } from './run-job.js';

// A worker waits this long for the queue lock; the lock is held for milliseconds, or until a stalled holder's
// lock goes stale.
const LOCK_WAIT_MS = 30_000;
const ROOM_AFTER_FAILURES = 3;
const ROOM_LOG_BYTES = 128 * 1024;

async function writeBatchResult(record: JobRecord | undefined, exit: ExitRecord): Promise<void> {
  if (!record?.output) return;
  const { directory } = record.output;
  const { writeResultFile } = await import('./write-result-file.js');
  await writeResultFile(record, exit).catch((error: Error) => {
    exit.outputError = `the result file could not be written to ${directory}: ${error.message}`;
  });
}

async function runClaimedJob(root: string, claimed: ClaimedJob, worker: { current?: JobRun }): Promise<void> {
  const run = new JobRun(root, claimed.jobId, claimed.claim);
  worker.current = run;
  const exit = await run.run().catch((error: Error) => endedWithout('spawn_failed', `the worker failed: ${error.message}`));
  worker.current = undefined;
  await writeBatchResult(run.record, exit);
  await recordExit(root, claimed.jobId, exit, async (error, attempt) => {
    // A disk that stays full, most often with this job's own output: its logs are cut to make room for the record.
    if (error.code === 'ENOSPC' && attempt >= ROOM_AFTER_FAILURES) await capLogs(root, claimed.jobId, ROOM_LOG_BYTES).catch(() => undefined);
  });
}

export async function runWorker(root: string, settings: Settings): Promise<void> {
  ensureRoot(root);
  const self = describeProcess(process.pid);
  const worker: { current?: JobRun; terminated?: boolean } = {};
  // Told to stop (a shutdown, a person): the job at hand ends cancelled and no other is taken.
  process.on('SIGTERM', () => {
    worker.terminated = true;
    worker.current?.requestStop({ outcome: 'cancelled', reason: 'its worker was told to stop (SIGTERM)' });
  });
  while (!worker.terminated) {
    const claimed = await claimNextJob(root, { maxParallel: settings.maxParallel, worker: self, deadline: Date.now() + LOCK_WAIT_MS });
    if (!claimed) return;
    await runClaimedJob(root, claimed, worker);
  }
}
