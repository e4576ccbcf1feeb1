// Where a worktree job's work is, for claude_check and the final answer: its path and branch, the commits on the
// branch since the base, the files changed (committed or not), and how many uncommitted changes are left. Kept
// small: a model reads it on every check.
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { runGit } from './run-git.js';
import type { WorktreePlace } from './place-worktree.js';
import type { WorktreeSpec } from './worktree-spec.js';

const MAX_FILES = 30;

export const WorktreeViewSchema = z.object({
  path: z.string().describe('The worktree: a checkout of its own, outside yours.'),
  branch: z.string().describe('The branch the job works on; merge or check it out to take the work.'),
  base: z.string().describe('The commit the branch started from.'),
  exists: z.boolean().describe('false once the worktree was removed (the branch may remain).'),
  commits: z.number().int().describe('Commits on the branch since base.'),
  changedFiles: z.array(z.string()).describe(`Files changed since base, committed or not (at most ${MAX_FILES}).`),
  changedFilesTotal: z.number().int().optional().describe('How many files changed, when there are more than listed.'),
  uncommitted: z.number().int().describe('Uncommitted changes left in the worktree (files).'),
});
export type WorktreeView = z.infer<typeof WorktreeViewSchema>;

function splitNul(text: string): string[] {
  return text.split('\0').filter(Boolean);
}

// The paths of `git status --porcelain -z`: "XY path" entries, where a rename or copy is followed by its old path.
function statusPaths(text: string): string[] {
  const entries = splitNul(text);
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i]!;
    paths.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i += 1;
  }
  return paths;
}

export async function describeWorktree(place: WorktreePlace, spec: WorktreeSpec): Promise<WorktreeView> {
  const exists = (await stat(place.path).catch(() => undefined))?.isDirectory() === true;
  // Three git processes at once: a check's wall time is the slowest of them, not their sum.
  const [commits, committed, status] = await Promise.all([
    runGit(spec.repo, ['rev-list', '--count', `${spec.base}..refs/heads/${place.branch}`]),
    runGit(spec.repo, ['diff', '--name-only', '-z', spec.base, `refs/heads/${place.branch}`, '--']),
    exists ? runGit(place.path, ['status', '--porcelain=v1', '-z', '--untracked-files=all']) : undefined,
  ]);
  const view: WorktreeView = {
    path: place.path,
    branch: place.branch,
    base: spec.base,
    exists,
    commits: commits.code === 0 ? Number(commits.stdout.trim()) : 0,
    changedFiles: [],
    uncommitted: 0,
  };
  const files = new Set(committed.code === 0 ? splitNul(committed.stdout) : []);
  if (status) {
    const changes = status.code === 0 ? statusPaths(status.stdout) : [];
    view.uncommitted = changes.length;
    for (const file of changes) files.add(file);
  }
  const all = [...files].sort();
  view.changedFiles = all.slice(0, MAX_FILES);
  if (all.length > MAX_FILES) view.changedFilesTotal = all.length;
  return view;
}
