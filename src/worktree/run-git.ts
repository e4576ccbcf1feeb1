// Runs git with arguments (never through a shell) and returns what it printed; the one way src/worktree calls git.
import { execFile } from 'node:child_process';

export interface GitOutput {
  code: number;
  stdout: string;
  stderr: string;
}

const MAX_OUTPUT = 16 * 1024 * 1024;

export function runGit(cwd: string, args: string[], input?: string): Promise<GitOutput> {
  return new Promise((resolve) => {
    // No prompts for credentials or editors: nobody is there to answer them.
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', LC_ALL: 'C' };
    const child = execFile('git', args, { cwd, env, maxBuffer: MAX_OUTPUT, windowsHide: true }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? error.message : '') });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

export class GitError extends Error {}

// git's output on success; on failure an error naming the command and git's own words.
export async function readGit(cwd: string, args: string[]): Promise<string> {
  const out = await runGit(cwd, args);
  if (out.code !== 0) throw new GitError(`git ${args.join(' ')} failed (exit ${out.code}): ${out.stderr.trim() || out.stdout.trim()}`);
  return out.stdout;
}
