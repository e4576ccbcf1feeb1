// A git worktree per job: planned when the job is created, made by its runner, described on every check, removed
// with the job.
export { describeWorktree, WorktreeViewSchema, type WorktreeView } from './describe-worktree.js';
export { planWorktree, type WorktreeRequest } from './plan-worktree.js';
export { removeWorktree, RemovedWorktreeSchema, type RemovedWorktree } from './remove-worktree.js';
export { placeWorktree, worktreeCwd, type WorktreePlace } from './place-worktree.js';
export { BASE_REF_PATTERN, SETUP_COMMAND_MAX_CHARS, WorktreeSpecSchema, type WorktreeSpec } from './worktree-spec.js';
