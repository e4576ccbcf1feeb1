// What a job's record says about its worktree.
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
