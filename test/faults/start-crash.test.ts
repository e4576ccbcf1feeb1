// The server SIGKILLed with its whole process tree at each step of a start: afterwards a fresh server finds the job
// absent or completed (a launch cut off before its runner is launched again), never stuck running, never twice, and
// the queue still starts new jobs.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jobPaths } from '../../src/jobs/layout.js';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { findDescendants, killPids } from '../helpers/e2e-bed.js';
import { STAND_IN_CLAUDE, type TestRoot } from '../helpers/job-root.js';
import { startServer, waitForStatus, type Json } from '../helpers/mcp-client.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const CRASH_START = fileURLToPath(new URL('crash-start.mjs', import.meta.url));
const root = useTestRoot();

// Runs a start up to `step`, then kills the starter and every process below it at once, as a host killing the
// server's tree does.
async function crashStartAt(test: TestRoot, jobId: string, step: string): Promise<void> {
  const child = spawn(process.execPath, [CRASH_START, test.jobDir, jobId, STAND_IN_CLAUDE, test.dir, step], { env: test.env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const said = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.trim());
    });
    void exited.then(([code]) => reject(new Error(`crash-start exited with ${code} before its step: ${stderr}`)));
  });
  expect(said).toBe(`at ${step}`);
  killPids([child.pid!, ...findDescendants(child.pid!)]);
  await exited;
}

// The job once nothing is in flight any more: what claude_check says when it is neither queued nor running.
function waitForSettled(server: McpSession, jobId: string): Promise<Json> {
  return waitFor(
    async () => {
      const view = await server.call('claude_check', { jobId });
      return ['queued', 'running'].includes(String(view.status)) ? undefined : view;
    },
    `job ${jobId} to settle`,
    30_000,
  );
}

const STEPS: Array<[step: string, outcomes: string[]]> = [
  ['before-record', ['absent']],
  ['mid-create', ['absent']],
  ['after-record', ['completed']],
  // The launch whose runner never came goes back to the queue after the launch grace, and runs.
  ['after-launch-record', ['completed']],
  ['after-launcher', ['completed']],
  ['after-runner-started', ['completed']],
];

describe('a start killed part-way', () => {
  it.each(STEPS)('killed %s: the job ends up %j, and new starts still run', async (step, outcomes) => {
    const jobId = `crash-${step}`;
    await crashStartAt(root.current, jobId, step);
    const server = await startServer(root.current.env());
    const view = await waitForSettled(server, jobId);
    const listed = ((await server.call('claude_jobs', { limit: 1000 })).jobs as Json[]).filter((job) => job.jobId === jobId);

    const outcome = view.status === 'unknown' && view.reason === 'no such job' ? 'absent' : String(view.status);
    expect({ outcome, reason: view.reason }).toEqual({ outcome: expect.toBeOneOf(outcomes), reason: outcome === 'completed' ? undefined : expect.any(String) });
    expect(listed).toHaveLength(outcome === 'absent' ? 0 : 1);
    if (outcome === 'completed') expect(readFileSync(jobPaths(root.current.jobDir, jobId).stdout, 'utf8').match(/"type":"result"/g)).toHaveLength(1);
    // Launched twice: once by the starter that died, once after going back to the queue.
    if (step === 'after-launch-record') expect(JSON.parse(readFileSync(jobPaths(root.current.jobDir, jobId).launch, 'utf8'))).toMatchObject({ launches: 2 });

    // A lock the dead starter held goes stale; the next start waits for that at most, then runs.
    const { jobId: next } = await server.call('claude_start', { prompt: 'after the crash' });
    expect((await waitForStatus(server, String(next), ['completed', 'failed'], 30_000)).status).toBe('completed');
  });
});
