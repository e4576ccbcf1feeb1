// Creates the job directory tree, private to its owner, once per process and root.
import { chmod, mkdir } from 'node:fs/promises';
import { rootPaths } from './layout.js';
import { DIR_MODE } from './records.js';

const ensured = new Set<string>();

export async function ensureRoot(root: string): Promise<void> {
  if (ensured.has(root)) return;
  const paths = rootPaths(root);
  try {
    await mkdir(root, { recursive: true, mode: DIR_MODE });
    // mkdir leaves an existing directory's mode alone; prompts and outputs may hold secrets.
    await chmod(root, DIR_MODE);
    await Promise.all([paths.jobs, paths.index, paths.queue, paths.active].map((dir) => mkdir(dir, { recursive: true, mode: DIR_MODE })));
  } catch (error) {
    throw new Error(`cannot use the job directory ${root}: ${(error as Error).message}. Set CLAUDE_ASYNC_JOB_DIR to a directory this user can write.`);
  }
  ensured.add(root);
}
