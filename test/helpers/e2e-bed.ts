// The end-to-end test bed: our built server over stdio, the real Claude Code CLI from node_modules as every job's
// claude, and the loopback Messages API stand-in as its model. Nothing leaves the machine.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startMessagesApi, type MessagesApi, type Script } from '../fixtures/messages-api.js';
import { killJobProcesses, makeTestRoot, type TestRoot } from './job-root.js';
import { closeServers, startServer } from './mcp-client.js';
import { createRealClaudeEnv, REAL_CLAUDE_BIN, type RealClaudeEnv } from './real-claude.js';
import type { McpSession } from '../../src/selftest/mcp-session.js';

export interface BedOptions {
  // As root, false leaves IS_SANDBOX out of the server's (and so the jobs') environment.
  sandbox?: boolean;
}

export interface Bed {
  api: MessagesApi;
  root: TestRoot;
  claude: RealClaudeEnv;
  // An existing folder for jobs to work in (the server's default workFolder).
  workDir: string;
  // The server's environment: the CLI's offline environment, whose CLAUDE_CODE_* settings reach jobs as they are.
  serverEnv(extra?: Record<string, string>): Record<string, string>;
  startServer(extra?: Record<string, string>): Promise<McpSession>;
}

// The CLI's offline environment as a server's: the user's CLAUDE_CODE_* settings reach jobs as they are.
export function toServerEnv(claudeEnv: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(claudeEnv).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

// Pids (other than ours) whose environment holds the exact entry, e.g. HOME=<a temp home>: everything a test's
// real CLI started, even what left its process group.
export function findProcessesWithEnv(entry: string): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(entry) && !isZombie(Number(name))) found.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

// Pids (other than ours) whose command line contains the text.
export function findProcessesWithArg(text: string): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').includes(text) && !isZombie(Number(name))) found.push(Number(name));
    } catch {
      // Gone.
    }
  }
  return found;
}

// The live descendants of a process, children first, found through each process's parent pid.
export function findDescendants(pid: number): number[] {
  if (process.platform !== 'linux') return [];
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || isZombie(Number(name))) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parents) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true;
  }
}

export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

// Kills whatever still runs with this HOME, until nothing does (a dying parent may start nothing new, but a
// process found a moment before its parent's kill could be missed once).
export async function killEverythingIn(home: string): Promise<void> {
  const entry = `HOME=${home}`;
  const deadline = Date.now() + 5_000;
  for (;;) {
    const left = findProcessesWithEnv(entry);
    if (left.length === 0 || Date.now() > deadline) return;
    killPids(left);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Registers the per-test cleanup; call bed.create(script) inside a test. Every test gets its own job root,
// CLI home and stand-in, and leaves no process behind.
export function useE2eBed(): { create(script: Script, options?: BedOptions): Promise<Bed>; readonly cleanups: (() => unknown)[] } {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    await closeServers();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    cleanups,
    async create(script, { sandbox = true } = {}) {
      const api = await startMessagesApi(script);
      cleanups.push(() => api.close());
      const root = makeTestRoot();
      const claude = createRealClaudeEnv({ baseUrl: api.url, sandbox });
      cleanups.push(async () => {
        await killJobProcesses(root.jobDir);
        await killEverythingIn(claude.home);
        claude.cleanup();
        await root.cleanup();
      });
      const workDir = path.join(root.dir, 'work');
      mkdirSync(workDir);
      const serverEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
        ...toServerEnv(claude.env),
        CLAUDE_ASYNC_JOB_DIR: root.jobDir,
        CLAUDE_ASYNC_DEFAULT_CWD: workDir,
        CLAUDE_CLI_PATH: REAL_CLAUDE_BIN,
        ...extra,
      });
      return { api, root, claude, workDir, serverEnv, startServer: (extra) => startServer(serverEnv(extra)) };
    },
  };
}

export interface StreamEvent {
  type: string;
  subtype?: string;
  session_id?: string;
  [key: string]: unknown;
}

// The job's stream-json events, read from its stdout log.
export function readEvents(stdoutPath: string): StreamEvent[] {
  return readFileSync(stdoutPath, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as StreamEvent);
}
