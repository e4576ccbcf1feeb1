// Removing finished jobs, by hand (claude_cleanup) or by age (retention). Queued and running jobs are never touched.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ensureRoot } from './ensure-root.js';
import { inspectJob } from './inspect-job.js';
import { entryName, jobPaths, parseEntryName, rootPaths } from './layout.js';
import { TERMINAL_STATUSES, type JobStatus } from './schema.js';

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

export async function removeJobs(root: string, filter: RemoveFilter): Promise<RemovedJob[]> {
  await ensureRoot(root);
  const entries = (await readdir(rootPaths(root).index)).flatMap((name) => parseEntryName(name) ?? []);
  const candidates = filter.jobId ? entries.filter((e) => e.jobId === filter.jobId) : entries;
  const removed: RemovedJob[] = [];
  for (const { jobId, queueKey } of candidates) {
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
