// A private job directory per test, a server environment pointing at it, and the cleanup of every process a test's
// jobs started (runners and claude groups, found from the job records, by pid and start time).
import { mkdtempSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listJobs } from '../../src/jobs/index.js';
import { distPath } from '../../src/package-root.js';
import { isProcessAlive } from '../../src/process/identity.js';
import { listGroupMembers } from '../../src/process/stop-group.js';
import { removeCgroup } from '../../src/process/cgroup.js';

export const STAND_IN_CLAUDE = distPath('src', 'selftest', 'stand-in-claude.js');

export interface TestRoot {
  dir: string;
  jobDir: string;
  workDir: string;
  env(extra?: Record<string, string>): Record<string, string>;
  cleanup(): Promise<void>;
}

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('CLAUDE_ASYNC_') || key === 'CLAUDECODE' || key.startsWith('CLAUDE_CODE_')) continue;
    env[key] = value;
  }
  return env;
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

export async function killJobProcesses(jobDir: string): Promise<void> {
  const { jobs } = await listJobs(jobDir, { limit: 100_000 }).catch(() => ({ jobs: [] }));
  for (const job of jobs) {
    const runner = job.runner?.runner;
    const claude = job.runner?.claude;
    if (runner && isProcessAlive(runner)) kill(runner.pid, 'SIGKILL');
    if (claude) for (const pid of listGroupMembers(claude.pid)) kill(pid, 'SIGKILL');
    if (job.runner?.cgroup) await removeCgroup(job.runner.cgroup);
  }
}

export function makeTestRoot(): TestRoot {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'claude-async-test-')));
  const jobDir = path.join(dir, 'jobs');
  const workDir = path.join(dir, 'work');
  return {
    dir,
    jobDir,
    workDir,
    env: (extra = {}) => ({
      ...baseEnv(),
      CLAUDE_ASYNC_JOB_DIR: jobDir,
      CLAUDE_ASYNC_DEFAULT_CWD: dir,
      CLAUDE_CLI_PATH: STAND_IN_CLAUDE,
      ...extra,
    }),
    cleanup: async () => {
      await killJobProcesses(jobDir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
