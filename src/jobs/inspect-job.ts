// A job's records, its derived status, and the settling of a job found dead: the one read path for every caller.
import { statfs } from 'node:fs/promises';
import { hasPendingRequest } from '../permissions/request-files.js';
import { isProcessAlive } from '../process/identity.js';
import { stopProcessGroup } from '../process/stop-group.js';
import { entryName, jobPaths, rootPaths } from './layout.js';
import { jobProcessMarkers } from './process-markers.js';
import { findFinalResult } from './final-result.js';
import { withQueueLock } from './queue-lock.js';
import { addEntry, releaseSlot } from './slots.js';
import { readRecord, valueOf, writeRecord, writeRecordOnce, type ReadResult } from './records.js';
import {
  CancelRequestSchema,
  ExitRecordSchema,
  JobRecordSchema,
  LaunchRecordSchema,
  RunnerRecordSchema,
  type ExitRecord,
  type JobRecord,
  type JobStatus,
  type LaunchRecord,
  type RunnerRecord,
} from './schema.js';
import { deriveStatus, type JobFacts } from './status.js';

export interface JobSnapshot {
  jobId: string;
  status: JobStatus;
  reason?: string;
  record?: JobRecord;
  launch?: LaunchRecord;
  runner?: RunnerRecord;
  exit?: ExitRecord;
}

const LOW_DISK_BYTES = 1024 * 1024;

async function readFacts(root: string, jobId: string): Promise<JobFacts> {
  const paths = jobPaths(root, jobId);
  const [record, launch, runner, exit, cancel] = await Promise.all([
    readRecord(paths.record, JobRecordSchema),
    readRecord(paths.launch, LaunchRecordSchema),
    readRecord(paths.runner, RunnerRecordSchema),
    readRecord(paths.exit, ExitRecordSchema),
    readRecord(paths.cancel, CancelRequestSchema),
  ]);
  const runnerAlive = runner.state === 'ok' && isProcessAlive(runner.value.runner);
  const waitingForInput = runnerAlive && exit.state === 'missing' && hasPendingRequest(paths.dir);
  return { record, launch, runner, exit, cancel, runnerAlive, waitingForInput, now: Date.now() };
}

// Runners most often die unseen because the disk filled up under them; say so when it has.
async function describeDiskTrouble(root: string): Promise<string | undefined> {
  const info = await statfs(root).catch(() => undefined);
  if (!info) return undefined;
  const free = info.bavail * info.bsize;
  return free < LOW_DISK_BYTES ? `the disk holding ${root} is full (${free} bytes free)` : undefined;
}

// The runner died without an exit record: stop what is left of the job and record the ending once.
async function settleDeath(root: string, jobId: string, runner: ReadResult<RunnerRecord>, outcome: 'orphaned' | 'cancelled', reason: string): Promise<void> {
  const claude = valueOf(runner)?.claude;
  if (claude) void stopProcessGroup(claude, undefined, jobProcessMarkers(root, jobId)).catch(() => undefined);
  const exit: ExitRecord = {
    outcome,
    endedAt: new Date().toISOString(),
    exitCode: null,
    signal: null,
    reason,
  };
  const result = await findFinalResult(root, jobId).catch(() => undefined);
  if (result) exit.result = result;
  await writeRecordOnce(jobPaths(root, jobId).exit, exit).catch(() => undefined);
  await releaseSlot(root, jobId);
}

// A launch whose runner never came goes back to the queue, in its first place, under the queue's lock so no pass
// launches the job halfway. The entry goes first: a crash after it leaves a launch that the next look requeues.
async function requeue(root: string, jobId: string): Promise<void> {
  await withQueueLock(root, async () => {
    const { record, launch, ...rest } = await readFacts(root, jobId);
    if (record.state !== 'ok' || launch.state !== 'ok' || deriveStatus({ record, launch, ...rest }).settle !== 'requeue') return;
    const paths = jobPaths(root, jobId);
    addEntry(rootPaths(root).queue, entryName(record.value.queueKey, jobId), paths.prompt);
    await writeRecord(paths.launch, { ...launch.value, requeuedAt: new Date().toISOString() });
    await releaseSlot(root, jobId);
  });
}

function toSnapshot(jobId: string, facts: JobFacts): JobSnapshot {
  const derived = deriveStatus(facts);
  const snapshot: JobSnapshot = { jobId, status: derived.status };
  if (derived.reason) snapshot.reason = derived.reason;
  const record = valueOf(facts.record);
  const launch = valueOf(facts.launch);
  const runner = valueOf(facts.runner);
  const exit = valueOf(facts.exit);
  if (record) snapshot.record = record;
  if (launch) snapshot.launch = launch;
  if (runner) snapshot.runner = runner;
  if (exit) snapshot.exit = exit;
  return snapshot;
}

export async function inspectJob(root: string, jobId: string): Promise<JobSnapshot> {
  let facts = await readFacts(root, jobId);
  if (!deriveStatus(facts).settle) return toSnapshot(jobId, facts);
  // The runner writes its exit record just before it exits; look again before calling the job dead.
  facts = await readFacts(root, jobId);
  const again = deriveStatus(facts);
  if (!again.settle) return toSnapshot(jobId, facts);
  if (again.settle === 'requeue') {
    // Without the lock (held too long by others) the job stays launched and the next look tries again.
    await requeue(root, jobId).catch(() => undefined);
    return toSnapshot(jobId, await readFacts(root, jobId));
  }
  const disk = await describeDiskTrouble(root);
  const reason = [again.reason ?? 'the runner died', disk].filter(Boolean).join('; ');
  await settleDeath(root, jobId, facts.runner, again.settle, reason);
  facts = await readFacts(root, jobId);
  const snapshot = toSnapshot(jobId, facts);
  // With the disk full the ending could not be recorded; the answer still says why.
  if (disk && !snapshot.exit) snapshot.reason = reason;
  return snapshot;
}
