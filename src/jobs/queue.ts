// The daemonless queue. A worker's pass, alone under the queue lock, counts the live claims, claims the first job
// that may run, and leaves; the worker then runs that job itself. Claims are made only here and a claim is
// written once, so a job runs at most once; a slot is only ever taken in a pass that was alone, so the cap holds
// through any pause (see queue-lock.ts). Nothing here loads the schema library: every worker runs a pass.
import { existsSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../process/identity.js';
import { jobPaths, parseEntryName, rootPaths } from './layout.js';
import { writeRecordOnce } from './records.js';
import { endUnstartedJob, forgetJobEnv } from './run-records.js';
import type { ProcessRef, RunnerRecord } from './schema.js';
import { addEntry, listEntries, releaseSlot } from './slots.js';
import { endedWithout, endOfDeadClaim } from './status.js';
import { withQueueLock, type LockedPass } from './queue-lock.js';
import { stopJobLeftovers } from './stop-job.js';

export interface ClaimOptions {
  // 0 means no cap.
  maxParallel: number;
  worker: ProcessRef;
  // How long to wait for the lock (ms since the epoch).
  deadline: number;
}

export interface ClaimedJob {
  jobId: string;
  claim: RunnerRecord;
}

// A job's claim, read without the schema library; undefined when there is none (or none whole yet).
function readClaim(root: string, jobId: string): Partial<RunnerRecord> | undefined {
  try {
    return JSON.parse(readFileSync(jobPaths(root, jobId).runner, 'utf8')) as Partial<RunnerRecord>;
  } catch {
    return undefined;
  }
}

function claimIsLive(claim: Partial<RunnerRecord> | undefined): boolean {
  return typeof claim?.runner?.pid === 'number' && isProcessAlive(claim.runner);
}

// A claim whose worker died before recording the end: its ending is recorded here, once, and what is left of the
// job is stopped. Its worker cannot come back, so this is right whoever else is looking.
async function settleDeadClaim(root: string, jobId: string, claim: Partial<RunnerRecord>): Promise<void> {
  const paths = jobPaths(root, jobId);
  const { outcome, reason } = endOfDeadClaim(claim as RunnerRecord, existsSync(paths.cancel));
  await writeRecordOnce(paths.exit, endedWithout(outcome, reason));
  forgetJobEnv(root, jobId);
  void stopJobLeftovers(root, jobId, claim.claude, claim.cgroup).catch(() => undefined);
}

// Slots held by live claims; slots of ended jobs are given back on the way, and dead claims settled.
async function countLiveSlots(root: string): Promise<number> {
  let live = 0;
  for (const jobId of listEntries(rootPaths(root).active)) {
    const paths = jobPaths(root, jobId);
    if (!existsSync(paths.exit)) {
      const claim = readClaim(root, jobId);
      if (claimIsLive(claim)) {
        live += 1;
        continue;
      }
      if (claim) await settleDeadClaim(root, jobId, claim);
    }
    releaseSlot(root, jobId);
  }
  return live;
}

function removeEntry(root: string, entry: string): void {
  rmSync(path.join(rootPaths(root).queue, entry), { force: true });
}

// Claims the queue entry's job, or says why not: gone, ended, cancelled, or claimed by another worker.
async function tryClaim(root: string, entry: string, jobId: string, worker: ProcessRef, pass: LockedPass): Promise<RunnerRecord | 'skip'> {
  const paths = jobPaths(root, jobId);
  // job.json is written before the queue entry, so an entry without it belongs to a job that was removed.
  if (!existsSync(paths.record) || existsSync(paths.exit)) {
    removeEntry(root, entry);
    return 'skip';
  }
  const claim: RunnerRecord = { runner: worker, startedAt: new Date().toISOString() };
  if (!(await writeRecordOnce(paths.runner, claim))) {
    const other = readClaim(root, jobId);
    // A live worker is between its claim and its queue entry's removal, or undoing a claim: leave the entry to it.
    if (claimIsLive(other)) return 'skip';
    if (other) await settleDeadClaim(root, jobId, other);
    removeEntry(root, entry);
    return 'skip';
  }
  pass.onUndo(() => unlinkSync(paths.runner));
  // The request is read after the claim is written, and a cancel writes its request before it looks for a claim:
  // one of the two always sees the other, so a cancelled job never starts.
  if (existsSync(paths.cancel)) {
    await endUnstartedJob(root, jobId, entry);
    return 'skip';
  }
  addEntry(rootPaths(root).active, jobId, paths.prompt);
  pass.onUndo(() => releaseSlot(root, jobId));
  removeEntry(root, entry);
  pass.onUndo(() => addEntry(rootPaths(root).queue, entry, paths.prompt));
  return claim;
}

// One pass: the first job this worker may run, claimed, or undefined when none may run now.
export async function claimNextJob(root: string, options: ClaimOptions): Promise<ClaimedJob | undefined> {
  return withQueueLock(root, options.deadline, async (pass) => {
    const busy = await countLiveSlots(root);
    if (options.maxParallel > 0 && busy >= options.maxParallel) return undefined;
    for (const entry of listEntries(rootPaths(root).queue)) {
      const parsed = parseEntryName(entry);
      if (!parsed) {
        removeEntry(root, entry);
        continue;
      }
      const claim = await tryClaim(root, entry, parsed.jobId, options.worker, pass);
      if (claim !== 'skip') return { jobId: parsed.jobId, claim };
    }
    return undefined;
  });
}

// 1-based place in the queue, or undefined when the job is not waiting.
export function queuePosition(root: string, jobId: string): number | undefined {
  const entries = listEntries(rootPaths(root).queue);
  const index = entries.findIndex((entry) => parseEntryName(entry)?.jobId === jobId);
  return index >= 0 ? index + 1 : undefined;
}

// A job's place in the queue when it must wait for a slot; undefined when a free slot is there for it. Seen from two
// readdirs: a slot of a job that ended unseen counts as taken, so a job may start sooner than said, never later.
export function placeInLine(root: string, jobId: string, maxParallel: number): number | undefined {
  const position = queuePosition(root, jobId);
  if (position === undefined || maxParallel === 0) return undefined;
  const free = maxParallel - listEntries(rootPaths(root).active).length;
  return position > free ? position : undefined;
}

// How many workers could claim a job now: jobs wait and slots are free; one more when a claim's worker died, so its
// ending gets recorded. Two readdirs and a look at each claim; nothing is written.
export function workersWanted(root: string, maxParallel: number): number {
  const waiting = listEntries(rootPaths(root).queue).length;
  const active = listEntries(rootPaths(root).active);
  const free = maxParallel === 0 ? waiting : Math.max(0, maxParallel - active.length);
  const deadClaims = active.some((jobId) => !existsSync(jobPaths(root, jobId).exit) && !claimIsLiveSync(root, jobId));
  return Math.min(waiting, free) + (deadClaims ? 1 : 0);
}

// A claim not there (yet), or being rewritten, is not known to be dead, unless the job itself was removed.
function claimIsLiveSync(root: string, jobId: string): boolean {
  const claim = readClaim(root, jobId);
  return claim ? claimIsLive(claim) : existsSync(jobPaths(root, jobId).dir);
}
