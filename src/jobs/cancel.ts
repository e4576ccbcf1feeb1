// Asking a job to stop: a queued job is ended on the spot (under the queue lock); a launched one gets a cancel
// request and its runner a SIGTERM, and the runner records the end as the waiter always does.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '../process/identity.js';
import { inspectJob, type JobSnapshot } from './inspect-job.js';
import { entryName, jobPaths, rootPaths } from './layout.js';
import { writeRecord, writeRecordOnce } from './records.js';
import type { ExitRecord } from './schema.js';
import { hasEnded } from './status.js';
import { withQueueLock } from './queue-lock.js';

export type CancelOutcome = { action: 'ended-queued' | 'signalled' | 'requested' | 'already-ended'; snapshot: JobSnapshot };

async function endQueuedJob(root: string, snapshot: JobSnapshot): Promise<boolean> {
  return withQueueLock(root, async () => {
    const current = await inspectJob(root, snapshot.jobId);
    if (current.status !== 'queued' || !current.record) return false;
    const exit: ExitRecord = { outcome: 'cancelled', endedAt: new Date().toISOString(), exitCode: null, signal: null, reason: 'cancelled while queued' };
    await writeRecordOnce(jobPaths(root, snapshot.jobId).exit, exit);
    await rm(path.join(rootPaths(root).queue, entryName(current.record.queueKey, snapshot.jobId)), { force: true });
    return true;
  });
}

export async function cancelJob(root: string, jobId: string): Promise<CancelOutcome> {
  const snapshot = await inspectJob(root, jobId);
  if (hasEnded(snapshot.status)) return { action: 'already-ended', snapshot };
  if (snapshot.status === 'queued' && (await endQueuedJob(root, snapshot))) return { action: 'ended-queued', snapshot: await inspectJob(root, jobId) };
  await writeRecord(jobPaths(root, jobId).cancel, { requestedAt: new Date().toISOString() });
  const runner = (await inspectJob(root, jobId)).runner?.runner;
  if (runner && isProcessAlive(runner)) {
    process.kill(runner.pid, 'SIGTERM');
    return { action: 'signalled', snapshot: await inspectJob(root, jobId) };
  }
  // Not claimed yet: the runner reads the request as it claims the job.
  return { action: 'requested', snapshot: await inspectJob(root, jobId) };
}
