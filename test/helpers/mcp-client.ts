// Test sessions with the built server over stdio through the SDK's client, closed (and killed by pid) afterwards.
import { inspectJob } from '../../src/jobs/index.js';
import { jobPaths } from '../../src/jobs/layout.js';
import { openMcpSession, type McpSession } from '../../src/selftest/mcp-session.js';
import { waitFor } from './wait-for.js';

const open: McpSession[] = [];
const jobDirs = new WeakMap<McpSession, string>();

export async function startServer(env: Record<string, string>): Promise<McpSession> {
  const session = await openMcpSession(env);
  open.push(session);
  if (env.CLAUDE_ASYNC_JOB_DIR) jobDirs.set(session, env.CLAUDE_ASYNC_JOB_DIR);
  return session;
}

// What the tools no longer tell a model but tests need: the job's pids and files, read from the job store.
export interface JobInternals {
  pid?: number;
  runnerPid?: number;
  files: { dir: string; stdout: string; stderr: string };
}

export async function readJobInternals(session: McpSession, jobId: string): Promise<JobInternals> {
  const jobDir = jobDirs.get(session);
  if (!jobDir) throw new Error('this session was started without CLAUDE_ASYNC_JOB_DIR');
  const snapshot = await inspectJob(jobDir, jobId);
  const paths = jobPaths(jobDir, jobId);
  return { pid: snapshot.runner?.claude?.pid, runnerPid: snapshot.runner?.runner.pid, files: { dir: paths.dir, stdout: paths.stdout, stderr: paths.stderr } };
}

export async function closeServers(): Promise<void> {
  for (const session of open.splice(0)) {
    await session.close().catch(() => undefined);
    if (session.pid) {
      try {
        process.kill(session.pid, 'SIGKILL');
      } catch {
        // Exited on close.
      }
    }
  }
}

export type Json = Record<string, unknown>;

// Calls a tool and returns the raw result, error or not.
export async function callRaw(session: McpSession, name: string, args: Json): Promise<{ isError: boolean; text: string; data?: Json }> {
  const result = await session.client.callTool({ name, arguments: args });
  const text = (result.content as Array<{ text?: string }>).map((c) => c.text ?? '').join('\n');
  return { isError: result.isError === true, text, data: result.structuredContent as Json | undefined };
}

export async function waitForStatus(session: McpSession, jobId: string, statuses: string[], timeoutMs = 20_000): Promise<Json> {
  return waitFor(
    async () => {
      const view = await session.call('claude_check', { jobId });
      return statuses.includes(String(view.status)) ? view : undefined;
    },
    `job ${jobId} to reach ${statuses.join('|')}`,
    timeoutMs,
  );
}

// Waits until the job's claude process is running and returns its pids and files.
export async function waitForClaude(session: McpSession, jobId: string): Promise<JobInternals> {
  return waitFor(async () => {
    const internals = await readJobInternals(session, jobId);
    return internals.pid ? internals : undefined;
  }, `claude of job ${jobId} to start`);
}
