// What a job's record says about its worktree, and where that worktree and its branch are.
import path from 'node:path';
import { z } from 'zod';

// A git ref as a caller may name one: no leading "-" (it would read as an option), one line, no spaces.
export const BASE_REF_PATTERN = /^[A-Za-z0-9_./@^~{}+][A-Za-z0-9_./@^~{}+-]{0,199}$/;

export const SETUP_COMMAND_MAX_CHARS = 10_000;

// Written into job.json when the job is created; the runner makes the worktree from it.
export const WorktreeSpecSchema = z.object({
  // The top of the user's checkout, and workFolder relative to it ('' for the top): claude works in the same
  // subfolder of the worktree.
  repo: z.string(),
  subdir: z.string(),
  // The commit the branch starts from, and the name the caller gave for it.
  base: z.string().regex(/^[0-9a-f]{40,64}$/),
  baseRef: z.string().regex(BASE_REF_PATTERN).optional(),
  setupCommand: z.string().max(SETUP_COMMAND_MAX_CHARS).optional(),
  // Set for a resumed job: the worktree and branch of the job it resumes, used as they are.
  path: z.string().optional(),
  branch: z.string().optional(),
});
export type WorktreeSpec = z.infer<typeof WorktreeSpecSchema>;

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
