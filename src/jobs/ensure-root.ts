// Creates what is missing of the job directory tree, private to its owner. Writers call it (a start, a worker), so
// a tree removed under a running server is made again; readers never do. An existing directory's mode is left as
// it is: the doctor reports one that others can read.
import { mkdirSync } from 'node:fs';
import { rootPaths } from './layout.js';
import { DIR_MODE } from './records.js';

export function ensureRoot(root: string): void {
  const paths = rootPaths(root);
  try {
    for (const dir of [paths.jobs, paths.index, paths.queue, paths.active]) mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  } catch (error) {
    throw new Error(`cannot use the job directory ${root}: ${(error as Error).message}. Set CLAUDE_ASYNC_JOB_DIR to a directory this user can write.`);
  }
}
