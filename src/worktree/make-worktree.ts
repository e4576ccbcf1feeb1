// Makes a job's worktree with plain git (docs/worktrees-and-permissions.md says why not claude's own --worktree): a new branch
// from the recorded base, outside the user's checkout, with the .worktreeinclude files copied in. A resumed job's
// worktree is only checked, never made again.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { copyIncludedFiles } from './copy-included.js';
import { runGit } from './run-git.js';
import type { WorktreePlace } from './place-worktree.js';
import type { WorktreeSpec } from './worktree-spec.js';

export interface MadeWorktree {
  copied: string[];
}

async function isWorktreeOn(place: WorktreePlace): Promise<boolean> {
  if (!(await stat(place.path).catch(() => undefined))?.isDirectory()) return false;
  const head = await runGit(place.path, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return head.code === 0 && head.stdout.trim() === place.branch;
}

// Returns what was done, or why it could not be done.
export async function makeWorktree(place: WorktreePlace, spec: WorktreeSpec): Promise<MadeWorktree | string> {
  if (!place.fresh) {
    if (await isWorktreeOn(place)) return { copied: [] };
    return `the worktree ${place.path} (branch ${place.branch}) of the job this one resumes no longer exists: it was removed by cleanup. Start a new job with worktree: true and base "${place.branch}" to go on from its commits.`;
  }
  // A runner restarted after making it finds it in place.
  if (await isWorktreeOn(place)) return { copied: [] };
  await mkdir(path.dirname(place.path), { recursive: true, mode: 0o700 });
  const added = await runGit(spec.repo, ['worktree', 'add', '-b', place.branch, '--', place.path, spec.base]);
  if (added.code !== 0) return `git could not make the worktree ${place.path} on branch ${place.branch} in ${spec.repo}: ${added.stderr.trim()}`;
  try {
    return { copied: await copyIncludedFiles(spec.repo, place.path) };
  } catch (error) {
    return `the worktree was made, but copying the files named in .worktreeinclude failed: ${(error as Error).message}`;
  }
}
