// Lists jobs newest first from the index, reading only as many jobs as the answer needs.
import { inspectJob, type JobSnapshot } from './inspect-job.js';
import { parseEntryName, rootPaths } from './layout.js';
import { listEntries } from './slots.js';
import type { JobStatus } from './schema.js';
import { UNFINISHED_CREATION } from './status.js';

export interface JobListing {
  // Jobs in the index, whatever their status.
  total: number;
  jobs: JobSnapshot[];
}

const BATCH = 32;

export async function listJobs(root: string, options: { status?: JobStatus; limit: number }): Promise<JobListing> {
  const entries = listEntries(rootPaths(root).index).reverse();
  const jobs: JobSnapshot[] = [];
  for (let i = 0; i < entries.length && jobs.length < options.limit; i += BATCH) {
    // The store's reads are synchronous; a filtered listing may look at thousands of jobs, so others get turns.
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const ids = entries.slice(i, i + BATCH).flatMap((entry) => parseEntryName(entry)?.jobId ?? []);
    const snapshots = await Promise.all(ids.map((jobId) => inspectJob(root, jobId)));
    for (const snapshot of snapshots) {
      // An index entry of a creation that did not finish (or of a job being removed) is no job to list.
      if (snapshot.status === 'unknown' && (snapshot.reason === UNFINISHED_CREATION || snapshot.reason === 'no such job')) continue;
      if (options.status && snapshot.status !== options.status) continue;
      if (jobs.length < options.limit) jobs.push(snapshot);
    }
  }
  return { total: entries.length, jobs };
}
