// A job's records and its derived status: the one read path for every caller. It writes nothing: a job found
// dead is reported as such here, and its ending is recorded by the next worker's pass (queue.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hasPendingRequest } from '../permissions/request-files.js';
import { isProcessAlive } from '../process/identity.js';
import { entryName, jobPaths, rootPaths } from './layout.js';
import { readRecord, valueOf } from './records.js';
import {
  CancelRequestSchema,
  ExitRecordSchema,
  JobRecordSchema,
  RunnerRecordSchema,
  type ExitRecord,
  type JobRecord,
  type JobStatus,
  type RunnerRecord,
} from './schema.js';
import { deriveStatus, type JobFacts } from './status.js';

export interface JobSnapshot {
  jobId: string;
  status: JobStatus;
  reason?: string;
  record?: JobRecord;
  runner?: RunnerRecord;
  exit?: ExitRecord;
}

async function readFacts(root: string, jobId: string): Promise<JobFacts> {
  const paths = jobPaths(root, jobId);
  const [record, runner, exit, cancel] = await Promise.all([
    readRecord(paths.record, JobRecordSchema),
    readRecord(paths.runner, RunnerRecordSchema),
    readRecord(paths.exit, ExitRecordSchema),
    readRecord(paths.cancel, CancelRequestSchema),
  ]);
  const queueKey = valueOf(record)?.queueKey;
  const queued = queueKey !== undefined && existsSync(path.join(rootPaths(root).queue, entryName(queueKey, jobId)));
  const runnerAlive = runner.state === 'ok' && isProcessAlive(runner.value.runner);
  const waitingForInput = runnerAlive && exit.state === 'missing' && hasPendingRequest(paths.dir);
  return { record, queued, runner, runnerAlive, waitingForInput, exit, cancel };
}

export async function inspectJob(root: string, jobId: string): Promise<JobSnapshot> {
  const facts = await readFacts(root, jobId);
  const derived = deriveStatus(facts);
  const snapshot: JobSnapshot = { jobId, status: derived.status };
  if (derived.reason) snapshot.reason = derived.reason;
  const record = valueOf(facts.record);
  const runner = valueOf(facts.runner);
  const exit = valueOf(facts.exit);
  if (record) snapshot.record = record;
  if (runner) snapshot.runner = runner;
  if (exit) snapshot.exit = exit;
  return snapshot;
}
