// The bench's temp job directories, servers and job processes, all ended by pid when the bench is done. It reuses
// the test helpers, so the bench and the tests set up and tear down a job directory the same way.
import { isProcessAlive } from '../../src/process/identity.js';
import { inspectJob, TERMINAL_STATUSES, type JobSnapshot } from '../../src/jobs/index.js';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { makeTestRoot, type TestRoot } from '../../test/helpers/job-root.js';
import { callRaw, closeServers, startServer } from '../../test/helpers/mcp-client.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { readCpuMs } from './proc.js';

const roots: TestRoot[] = [];

export interface BenchStore {
  root: TestRoot;
  server: McpSession;
}

// `prepare` fills the new job directory, if it wants, before its server starts, and says what to add to its env.
export async function openStore(prepare: (dir: string, jobDir: string) => Record<string, string> | Promise<Record<string, string>>): Promise<BenchStore> {
  const root = makeTestRoot();
  roots.push(root);
  const env = await prepare(root.dir, root.jobDir);
  return { root, server: await startServer(root.env(env)) };
}

// The round trip the client sees, and the CPU the server spent in it.
export interface CallSample {
  ms: number;
  serverCpuMs: number;
}

export interface TimedCall extends CallSample {
  answer: Awaited<ReturnType<typeof callRaw>>;
}

export async function callTimed(store: BenchStore, name: string, args: Record<string, unknown>): Promise<TimedCall> {
  const pid = store.server.pid ?? 0;
  const cpuBefore = readCpuMs(pid) ?? 0;
  const start = performance.now();
  const answer = await callRaw(store.server, name, args);
  const ms = performance.now() - start;
  return { answer, ms, serverCpuMs: (readCpuMs(pid) ?? cpuBefore) - cpuBefore };
}

export async function startJobTimed(store: BenchStore, prompt: string): Promise<TimedCall & { jobId: string }> {
  const call = await callTimed(store, 'claude_start', { prompt });
  if (call.answer.isError || !call.answer.data) throw new Error(`claude_start refused: ${call.answer.text}`);
  return { ...call, jobId: String(call.answer.data.jobId) };
}

export async function startJob(store: BenchStore, prompt: string): Promise<string> {
  return (await startJobTimed(store, prompt)).jobId;
}

// Ended and its runner gone, so the next measurement has the machine to itself.
export function waitForJobEnd(jobDir: string, jobId: string, timeoutMs = 60_000): Promise<JobSnapshot> {
  return waitFor(
    async () => {
      const snapshot = await inspectJob(jobDir, jobId);
      if (!TERMINAL_STATUSES.has(snapshot.status)) return undefined;
      const runner = snapshot.runner?.runner;
      return runner && isProcessAlive(runner) ? undefined : snapshot;
    },
    `job ${jobId} to end`,
    timeoutMs,
    10,
  );
}

export async function closeStores(): Promise<void> {
  await closeServers();
  for (const root of roots.splice(0)) await root.cleanup();
}
