// Removing finished jobs, by hand (claude_cleanup) or by age (retention). Queued and running jobs are never touched.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { queueKeyTime } from './ids.js';
import { inspectJob } from './inspect-job.js';
import { entryName, jobPaths, parseEntryName, rootPaths } from './layout.js';
import { TERMINAL_STATUSES, type JobStatus } from './schema.js';
import { listEntries } from './slots.js';

export interface RemoveFilter {
  jobId?: string;
  // Only jobs that ended at least this long ago.
  endedBeforeMs?: number;
  status?: JobStatus;
}

export interface RemovedJob {
  jobId: string;
  status: JobStatus;
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
  for (const [i, { jobId, queueKey }] of candidates.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    const snapshot = await inspectJob(root, jobId);
    if (!TERMINAL_STATUSES.has(snapshot.status)) continue;
    if (filter.status && snapshot.status !== filter.status) continue;
    const endedAt = Date.parse(snapshot.exit?.endedAt ?? '');
    if (filter.endedBeforeMs !== undefined && !(endedAt <= filter.endedBeforeMs)) continue;
    // The index entry goes first: a job half-removed is simply no longer listed.
    await rm(path.join(rootPaths(root).index, entryName(queueKey, jobId)), { force: true });
    await rm(jobPaths(root, jobId).dir, { recursive: true, force: true });
    removed.push({ jobId, status: snapshot.status });
  }
  return removed;
}
