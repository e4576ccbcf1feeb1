// The server SIGKILLed with its whole process tree at each step of a start: afterwards a fresh server finds the job
// absent (never answered for) or completed (a queued job is run by the next worker any server starts, with no
// call), never stuck running, never twice, and the queue still starts new jobs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { findDescendants, killPids } from '../helpers/e2e-bed.js';
import { STAND_IN_CLAUDE, type TestRoot } from '../helpers/job-root.js';
import { startServer, waitForStatus, type Json } from '../helpers/mcp-client.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { jobPaths } from '../../src/jobs/layout.js';
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
  ['after-worker-launched', ['completed']],
  ['after-claude-started', ['completed']],
];

describe('a start killed part-way', () => {
  it.each(STEPS)('killed %s: the job ends up %j, and new starts still run', async (step, outcomes) => {
    const jobId = `crash-${step}`;
    await crashStartAt(root.current, jobId, step);
    const server = await startServer(root.current.env());
    const view = await waitForSettled(server, jobId);
    const listed = ((await server.call('claude_jobs', { limit: 1000 })).jobs as Json[]).filter((job) => job.jobId === jobId);

    // Absent: no such job, or one whose creation never reached the queue (never answered for, never listed).
    const outcome = view.status === 'unknown' ? 'absent' : String(view.status);
    expect({ outcome, reason: view.reason }).toEqual({ outcome: expect.toBeOneOf(outcomes), reason: outcome === 'completed' ? undefined : expect.any(String) });
    expect(listed).toHaveLength(outcome === 'absent' ? 0 : 1);
    if (outcome === 'completed') expect(readFileSync(jobPaths(root.current.jobDir, jobId).stdout, 'utf8').match(/"type":"result"/g)).toHaveLength(1);

    // A lock the dead starter held goes stale; the next start waits for that at most, then runs.
    const { jobId: next } = await server.call('claude_start', { prompt: 'after the crash' });
    expect((await waitForStatus(server, String(next), ['completed', 'failed'], 30_000)).status).toBe('completed');
  });
});
