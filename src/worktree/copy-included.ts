// The `.worktreeinclude` convention (Claude Code, Conductor, Codex): a file at the top of the repository, in
// .gitignore syntax, naming files that git ignores but a worktree still needs (.env, local config). A file is
// copied only when it matches a pattern AND git ignores it, so nothing tracked is ever copied over the checkout.
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from './run-git.js';

const INCLUDE_FILE = '.worktreeinclude';

function splitNul(text: string): string[] {
  return text.split('\0').filter(Boolean);
}

// Returns the paths copied, relative to the repository.
export async function copyIncludedFiles(repo: string, worktree: string): Promise<string[]> {
  const list = path.join(repo, INCLUDE_FILE);
  if (!(await stat(list).catch(() => undefined))?.isFile()) return [];
  // Untracked files matching the include patterns...
  const matched = await runGit(repo, ['ls-files', '-z', '--others', '--ignored', `--exclude-from=${list}`]);
  const candidates = splitNul(matched.stdout);
  if (matched.code !== 0 || candidates.length === 0) return [];
  // ...that the repository's own ignore rules ignore too.
  const ignored = await runGit(repo, ['check-ignore', '-z', '--stdin'], `${candidates.join('\0')}\0`);
  const copied: string[] = [];
  for (const file of splitNul(ignored.stdout)) {
    const target = path.join(worktree, file);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(repo, file), target);
    copied.push(file);
  }
  return copied;
}
