// Removing a job's worktree when the job is cleaned up. Its branch stays when it holds commits (the work), unless
// the caller asks to delete it too; a branch with nothing on it goes with the worktree.
import { rm, stat } from 'node:fs/promises';
import { z } from 'zod';
import { runGit } from './run-git.js';
import type { WorktreePlace } from './place-worktree.js';
import type { WorktreeSpec } from './worktree-spec.js';

export const RemovedWorktreeSchema = z.object({
  path: z.string(),
  branch: z.string(),
  removed: z.boolean().describe('Whether the worktree folder is gone.'),
  branchKept: z.boolean().describe('true: the branch remains with the commits (merge it, or clean up with deleteBranch: true).'),
  commits: z.number().int().optional().describe('Commits the branch holds beyond its base.'),
  note: z.string().optional().describe('What went wrong, or why the worktree was kept.'),
});
export type RemovedWorktree = z.infer<typeof RemovedWorktreeSchema>;

export async function removeWorktree(place: WorktreePlace, spec: WorktreeSpec, deleteBranch: boolean): Promise<RemovedWorktree> {
  const counted = await runGit(spec.repo, ['rev-list', '--count', `${spec.base}..refs/heads/${place.branch}`]);
  const commits = counted.code === 0 ? Number(counted.stdout.trim()) : 0;
  const outcome: RemovedWorktree = { path: place.path, branch: place.branch, removed: false, branchKept: counted.code === 0, commits };
  if ((await stat(place.path).catch(() => undefined)) !== undefined) {
    // --force: uncommitted changes go with it; the caller asked for the job to be removed.
    const removed = await runGit(spec.repo, ['worktree', 'remove', '--force', '--force', place.path]);
    if (removed.code !== 0) {
      // The repository itself may be gone: the folder still goes, and git forgets it at its next prune.
      await rm(place.path, { recursive: true, force: true });
      outcome.note = `git worktree remove failed (${removed.stderr.trim()}); the folder was deleted instead`;
    }
  }
  await runGit(spec.repo, ['worktree', 'prune']);
  outcome.removed = (await stat(place.path).catch(() => undefined)) === undefined;
  if (counted.code === 0 && (deleteBranch || commits === 0)) {
    const deleted = await runGit(spec.repo, ['branch', '-D', '--', place.branch]);
    outcome.branchKept = deleted.code !== 0;
    if (deleted.code !== 0) outcome.note = `the branch could not be deleted: ${deleted.stderr.trim()}`;
  }
  return outcome;
}
