// Asking a job to stop. The request is written first; then a job nobody has claimed is ended here, and a claimed
// one is stopped by the worker that runs it, which watches for the request. No process is signalled from here: a
// pid read from a record may belong to another job, or to no job at all, by the time a signal would arrive.
import { existsSync } from 'node:fs';
import { inspectJob, type JobSnapshot } from './inspect-job.js';
import { entryName, jobPaths } from './layout.js';
import { writeRecord } from './records.js';
import { endUnstartedJob } from './run-records.js';
import { hasEnded } from './status.js';

export type CancelOutcome = { action: 'ended-queued' | 'requested' | 'already-ended'; snapshot: JobSnapshot };

export async function cancelJob(root: string, jobId: string): Promise<CancelOutcome> {
  const before = await inspectJob(root, jobId);
  if (hasEnded(before.status) || !before.record) return { action: 'already-ended', snapshot: before };
  const paths = jobPaths(root, jobId);
  if (!existsSync(paths.cancel)) await writeRecord(paths.cancel, { requestedAt: new Date().toISOString() });
  // A worker writes its claim before it reads the request; this reads the claim after writing the request. So
  // either the worker sees the request and never starts claude, or this sees the claim and leaves the stop to it.
  if (existsSync(paths.runner)) return { action: 'requested', snapshot: await inspectJob(root, jobId) };
  await endUnstartedJob(root, jobId, entryName(before.record.queueKey, jobId));
  return { action: 'ended-queued', snapshot: await inspectJob(root, jobId) };
}
