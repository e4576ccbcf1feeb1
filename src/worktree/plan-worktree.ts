// Checks, when a job is created, that its workFolder can have a worktree, and records what the runner needs to
// make one: the repository, the subfolder, and the base commit (resolved now, so the job starts from what the
// caller saw even if HEAD moves before it runs).
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { BASE_REF_PATTERN, type WorktreeSpec } from './worktree-spec.js';
import { runGit } from './run-git.js';

export interface WorktreeRequest {
  base?: string;
  setupCommand?: string;
}

export async function planWorktree(workFolder: string, request: WorktreeRequest): Promise<WorktreeSpec | string> {
  const top = await runGit(workFolder, ['rev-parse', '--show-toplevel']);
  if (top.code === 127) return `worktree: true needs git, which could not be run here (${top.stderr.trim()}). Install git, or leave worktree out.`;
  if (top.code !== 0) {
    return `worktree: true needs workFolder to be inside a git repository, and '${workFolder}' is not (git: ${top.stderr.trim()}). Run \`git init\` there and commit, or leave worktree out.`;
  }
  const repo = top.stdout.trim();
  if (request.base !== undefined && !BASE_REF_PATTERN.test(request.base)) {
    return `base '${request.base}' is not a git ref: give a branch, tag or commit such as "main", "v1.2" or "3f2a1c9" (no spaces, not starting with "-")`;
  }
  const ref = request.base ?? 'HEAD';
  const resolved = await runGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (resolved.code !== 0) {
    return request.base === undefined
      ? `the repository at '${repo}' has no commit yet, so there is nothing to make a worktree from. Commit once, or leave worktree out.`
      : `base '${request.base}' is not a commit in the repository at '${repo}'. Give a branch, tag or commit that exists there.`;
  }
  const subdir = path.relative(await realpath(repo), await realpath(workFolder));
  const spec: WorktreeSpec = { repo, subdir, base: resolved.stdout.trim() };
  if (request.base !== undefined) spec.baseRef = request.base;
  if (request.setupCommand !== undefined) spec.setupCommand = request.setupCommand;
  return spec;
}
