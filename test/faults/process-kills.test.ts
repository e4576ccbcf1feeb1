// A job's processes killed from outside, or claude dying by a signal of its own: each ends in a status that says
// what happened, whatever claude left running is stopped, the slot is given back and the server keeps answering.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listGroupMembers } from '../../src/process/stop-group.js';
import { startServer, waitForClaude, waitForStatus } from '../helpers/mcp-client.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();

type Victim = 'runner' | 'claude' | 'both';

const KILLS: Array<[victim: Victim, status: string, reason: RegExp]> = [
  ['runner', 'orphaned', /^the worker \(pid \d+\) died without recording how claude ended$/],
  ['claude', 'failed', /^claude was killed by signal SIGKILL/],
  ['both', 'orphaned', /^the worker \(pid \d+\) died without recording how claude ended$/],
];

describe('a job whose processes are SIGKILLed', () => {
  it.each(KILLS)('kill %s: %s with the reason, its group stopped, the next queued job runs', async (victim, status, reason) => {
    const server = await startServer(root.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: '1' }));
    const { jobId } = await server.call('claude_start', { prompt: '@child\n@sleep 60000' });
    const { jobId: queued } = await server.call('claude_start', { prompt: 'waits for the slot' });
    const running = await waitForClaude(server, String(jobId));
    const claudePid = Number(running.pid);
    await waitFor(() => listGroupMembers(claudePid).length >= 2, 'claude\'s child to start');
    if (victim !== 'claude') process.kill(Number(running.runnerPid), 'SIGKILL');
    if (victim !== 'runner') process.kill(claudePid, 'SIGKILL');

    const view = await waitForStatus(server, String(jobId), [status], 15_000);
    expect(String(view.reason)).toMatch(reason);
    if (victim === 'claude') expect(view).toMatchObject({ exitCode: null });
    await waitFor(() => listGroupMembers(claudePid).length === 0, 'claude\'s group to be stopped', 10_000);
    expect((await waitForStatus(server, String(queued), ['completed', 'failed'], 20_000)).status).toBe('completed');
    expect((await server.call('claude_check', { jobId })).status).toBe(status);
  });

  it('reports a claude that dies by a signal of its own as failed, naming the signal', async () => {
    const crashing = path.join(root.current.dir, 'crashing-claude');
    writeFileSync(crashing, '#!/bin/sh\nulimit -c 0\necho \'{"type":"system","subtype":"init","session_id":"crash-1"}\'\nkill -SEGV $$\n', { mode: 0o755 });
    const server = await startServer(root.current.env({ CLAUDE_CLI_PATH: crashing }));
    const { jobId } = await server.call('claude_start', { prompt: 'crash' });
    const view = await waitForStatus(server, String(jobId), ['completed', 'failed', 'orphaned']);
    expect(view).toMatchObject({ status: 'failed', exitCode: null });
    expect(String(view.reason)).toMatch(/^claude was killed by signal SIGSEGV/);
  });
});
