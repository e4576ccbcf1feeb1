// Where a job's worktree and its branch are, and the folder claude works in. Free of the schema library: the
// runner loads this for every worktree job.
import path from 'node:path';
import type { WorktreeSpec } from './worktree-spec.js';

export interface WorktreePlace {
  path: string;
  branch: string;
  // Whether this job makes the worktree (false: it reuses its parent's).
  fresh: boolean;
}

// Worktrees live beside the jobs, outside the user's checkout, so the user's `git status` never shows them.
export function placeWorktree(root: string, jobId: string, spec: WorktreeSpec): WorktreePlace {
  if (spec.path && spec.branch) return { path: spec.path, branch: spec.branch, fresh: false };
  return { path: path.join(root, 'worktrees', jobId), branch: `claude-async/${jobId}`, fresh: true };
}

// The folder claude works in: the same subfolder of the worktree as workFolder is of the checkout.
export function worktreeCwd(place: WorktreePlace, spec: WorktreeSpec): string {
  return spec.subdir ? path.join(place.path, spec.subdir) : place.path;
}
