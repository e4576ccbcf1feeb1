// Runs the built CLI as a person would (node dist/src/cli/main.js …) with a given environment and folder; every
// process it starts is ended by pid when the test is done, whatever happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { distPath } from '../../src/package-root.js';
import type { TestRoot } from './job-root.js';

export const CLI_ENTRY = distPath('src', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  // What the CLI printed so far.
  stdout(): string;
  done: Promise<CliRun>;
}

const running = new Set<ChildProcess>();

// The test root's server environment without colour settings inherited from whoever runs the tests.
export function cliEnv(root: TestRoot, extra: Record<string, string> = {}): Record<string, string> {
  const env = root.env();
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return { ...env, ...extra };
}

export function startCli(args: string[], options: { env: Record<string, string>; cwd?: string }): RunningCli {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, done };
}

export function runCli(args: string[], options: { env: Record<string, string>; cwd?: string }): Promise<CliRun> {
  return startCli(args, options).done;
}

export function killClis(): void {
  for (const child of running) {
    if (child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  running.clear();
}
