// A throwaway git repository for worktree tests: one committed file, a subfolder, and an ignored .env that
// .worktreeinclude names.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

export function makeGitRepo(repo: string): string {
  mkdirSync(path.join(repo, 'pkg'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'Test');
  writeFileSync(path.join(repo, 'shared.txt'), 'original\n');
  writeFileSync(path.join(repo, 'pkg', 'README'), 'a package\n');
  writeFileSync(path.join(repo, '.gitignore'), '.env\nbuild/\n');
  writeFileSync(path.join(repo, '.worktreeinclude'), '.env\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'start');
  writeFileSync(path.join(repo, '.env'), 'SECRET=local\n');
  return repo;
}
