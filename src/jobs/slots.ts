// A job's hold on one of the queue's slots, given back by whoever sees it end; and whether anyone waits for one.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { rootPaths } from './layout.js';

export async function releaseSlot(root: string, jobId: string): Promise<void> {
  rmSync(path.join(rootPaths(root).active, jobId), { force: true });
}

// The entries of the queue or slot folder in order; dot files (a writer's temp files) are not entries.
export function listEntries(dir: string): string[] {
  return readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
}

// Whether any job waits for a slot: a look that costs one readdir, before anyone loads the queue's machinery.
export async function hasQueuedJobs(root: string): Promise<boolean> {
  try {
    return listEntries(rootPaths(root).queue).length > 0;
  } catch {
    return false;
  }
}
