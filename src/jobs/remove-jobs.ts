// Removing finished jobs, by hand (claude_cleanup) or by age (retention). Queued and running jobs are never touched.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { queueKeyTime } from './ids.js';
import { inspectJob } from './inspect-job.js';
import { entryName, jobPaths, parseEntryName, rootPaths } from './layout.js';
import { readRecord } from './records.js';
import { JobRecordSchema, TERMINAL_STATUSES, type JobRecord, type JobStatus } from './schema.js';
import { listEntries } from './slots.js';
import { placeWorktree, removeWorktree, type RemovedWorktree } from '../worktree/index.js';

export interface RemoveFilter {
  jobId?: string;
  // Only jobs that ended at least this long ago.
  endedBeforeMs?: number;
  status?: JobStatus;
  // Worktree jobs: delete the job's branch even when it holds commits.
  deleteBranch?: boolean;
}

export interface RemovedJob {
  jobId: string;
  status: JobStatus;
  worktree?: RemovedWorktree;
}

type Entry = { jobId: string; queueKey: string };

// The worktree of a job goes with the last job that uses it (a resumed job runs in its parent's).
async function findWorktreeUsers(root: string, entries: Entry[]): Promise<Map<string, Set<string>>> {
  const users = new Map<string, Set<string>>();
  for (const { jobId } of entries) {
    const record = await readRecord(jobPaths(root, jobId).record, JobRecordSchema);
    const spec = record.state === 'ok' ? record.value.worktree : undefined;
    if (!spec) continue;
    const place = placeWorktree(root, jobId, spec).path;
    users.set(place, (users.get(place) ?? new Set()).add(jobId));
  }
  return users;
}

async function releaseWorktree(root: string, record: JobRecord, users: Map<string, Set<string>>, deleteBranch: boolean): Promise<RemovedWorktree | undefined> {
  const spec = record.worktree!;
  const place = placeWorktree(root, record.jobId, spec);
  const others = users.get(place.path);
  others?.delete(record.jobId);
  if (others && others.size > 0) {
    return { path: place.path, branch: place.branch, removed: false, branchKept: true, note: `kept: job(s) ${[...others].join(', ')} still use it` };
  }
  return removeWorktree(place, spec, deleteBranch);
}

// Lets tool calls in between: the job store's reads are synchronous, and a sweep may look at thousands of jobs.
const YIELD_EVERY = 50;

export async function removeJobs(root: string, filter: RemoveFilter): Promise<RemovedJob[]> {
  const entries = listEntries(rootPaths(root).index).flatMap((name) => parseEntryName(name) ?? []);
  // A job cannot have ended before it was created: an age limit only needs the jobs created before it.
  const candidates = entries.filter(
    (e) => (!filter.jobId || e.jobId === filter.jobId) && (filter.endedBeforeMs === undefined || queueKeyTime(e.queueKey) <= filter.endedBeforeMs),
  );
  const removed: RemovedJob[] = [];
  let worktreeUsers: Map<string, Set<string>> | undefined;
  for (const [i, { jobId, queueKey }] of candidates.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    const snapshot = await inspectJob(root, jobId);
    if (!TERMINAL_STATUSES.has(snapshot.status)) continue;
    if (filter.status && snapshot.status !== filter.status) continue;
    const endedAt = Date.parse(snapshot.exit?.endedAt ?? '');
    if (filter.endedBeforeMs !== undefined && !(endedAt <= filter.endedBeforeMs)) continue;
    // The worktree goes before the job: the job's record is what says where it is.
    let worktree: RemovedWorktree | undefined;
    if (snapshot.record?.worktree) {
      worktreeUsers ??= await findWorktreeUsers(root, entries);
      worktree = await releaseWorktree(root, snapshot.record, worktreeUsers, filter.deleteBranch === true);
    }
    // The index entry goes first: a job half-removed is simply no longer listed.
    await rm(path.join(rootPaths(root).index, entryName(queueKey, jobId)), { force: true });
    await rm(jobPaths(root, jobId).dir, { recursive: true, force: true });
    removed.push({ jobId, status: snapshot.status, ...(worktree ? { worktree } : {}) });
  }
  return removed;
}
