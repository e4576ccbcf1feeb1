// A job's hold on one of the queue's slots, given back by whoever sees it end, and the entries of the queue's folders.
import { linkSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rootPaths } from './layout.js';
import { FILE_MODE } from './records.js';

export function releaseSlot(root: string, jobId: string): void {
  rmSync(path.join(rootPaths(root).active, jobId), { force: true });
}

// An entry of the index, the queue or the slot folder is only a name, so it is made a hard link to the job's
// prompt.txt: a link adds a directory entry, where a new empty file costs an inode (~0.4 ms each on the bench's
// ext4, most of a start). A job whose prompt file is gone still gets its entry, as an empty file; an entry that
// is already there is the same entry. Returns whether the entry is new.
export function addEntry(dir: string, name: string, promptFile: string): boolean {
  const entry = path.join(dir, name);
  try {
    linkSync(promptFile, entry);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'ENOENT') throw error;
    writeFileSync(entry, '', { mode: FILE_MODE });
  }
  return true;
}

// The entries of the queue or slot folder in order; dot files (a writer's temp files) are not entries.
// A folder that is not there (a job directory removed under a running server) has no entries.
export function listEntries(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
