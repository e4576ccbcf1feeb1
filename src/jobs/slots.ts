// A job's hold on one of the queue's slots, given back by whoever sees it end; and whether anyone waits for one.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { rootPaths } from './layout.js';

export async function releaseSlot(root: string, jobId: string): Promise<void> {
  await rm(path.join(rootPaths(root).active, jobId), { force: true });
}

// Whether any job waits for a slot: a look that costs one readdir, before anyone loads the queue's machinery.
export async function hasQueuedJobs(root: string): Promise<boolean> {
  return (await readdir(rootPaths(root).queue).catch(() => [])).some((name) => !name.startsWith('.'));
}
