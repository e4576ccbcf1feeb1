// Jobs through our server (SDK client over stdio) with the real Claude Code CLI against the Messages API stand-in:
// what claude_check reports is what the CLI itself reported.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorStatus } from '../fixtures/messages-api.js';
import { readEvents, useE2eBed } from '../helpers/e2e-bed.js';
import { readJobInternals } from '../helpers/mcp-client.js';
import { waitFor } from '../helpers/wait-for.js';

const bed = useE2eBed();

describe('real claude jobs', () => {
  it('runs a scripted Write to completed and reports the CLI\'s own result and activity', async () => {
    const tb = await bed.create([]);
    const target = path.join(tb.workDir, 'notes', 'hello.txt');
    tb.api.setScript([
      { text: 'Writing the file.', toolUse: { name: 'Write', input: { file_path: target, content: 'scripted content\n' } } },
      { text: 'Wrote hello.txt.' },
    ]);
    const server = await tb.startServer();
    const { jobId } = await server.call('claude_start', { prompt: 'Write the notes file.' });
    const view = await server.call('claude_check', { jobId, waitSeconds: 45 });

    expect(readFileSync(target, 'utf8')).toBe('scripted content\n');
    const events = readEvents((await readJobInternals(server, String(jobId))).files.stdout);
    const result = events.find((event) => event.type === 'result')!;
    expect(result).toMatchObject({ is_error: false, result: 'Wrote hello.txt.', num_turns: 2 });
    expect(result.total_cost_usd).toBeGreaterThan(0);
    // The CLI's own result, each fact once: the file relative to the work folder, the cost rounded.
    expect(view).toEqual({
      jobId,
      status: 'completed',
      elapsed: expect.stringMatching(/^\d+s$/),
      turns: 2,
      files: ['notes/hello.txt'],
      costUsd: Number((result.total_cost_usd as number).toPrecision(2)),
      sessionId: result.session_id,
      result: 'Wrote hello.txt.',
    });
    // The session the CLI reported is the one the model saw.
    expect(tb.api.requests.map((request) => request.headers['x-claude-code-session-id'])).toEqual([result.session_id, result.session_id]);
  });

  it.each<{ status: ErrorStatus; message: string; says: string }>([
    { status: 500, message: 'stand-in exploded', says: 'claude exited with code 1: API Error: 500 stand-in exploded. This is a server-side issue' },
    { status: 401, message: 'stand-in rejects the key', says: 'claude exited with code 1: Failed to authenticate. API Error: 401 stand-in rejects the key' },
  ])('ends failed with the CLI\'s own error text when the API answers $status', async ({ status, message, says }) => {
    const tb = await bed.create([{ error: { status, message } }]);
    const server = await tb.startServer();
    const { jobId } = await server.call('claude_start', { prompt: 'Do anything.' });
    const view = await server.call('claude_check', { jobId, waitSeconds: 45 });

    expect(view).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(String(view.reason)).toContain(says);
    // The reason quotes claude's error text, so the answer does not repeat it as the result.
    expect(view.result).toBeUndefined();
    expect(tb.api.requests).toHaveLength(1);
  });

  it('says a job is in trouble while claude retries the API, with the attempt and the error, and not once it got through', async () => {
    const overloaded = { error: { status: 529 as const, message: 'stand-in overloaded' } };
    const tb = await bed.create([overloaded, overloaded, { text: 'Recovered.' }]);
    const server = await tb.startServer({ CLAUDE_ASYNC_CHILD_CLAUDE_CODE_MAX_RETRIES: '5' });
    const { jobId } = await server.call('claude_start', { prompt: 'Try hard.' });
    const troubled = await waitFor(async () => {
      const view = await server.call('claude_check', { jobId });
      return view.trouble ? view : undefined;
    }, 'the running job to show its API retries', 30_000, 100);
    expect(troubled).toMatchObject({ status: 'running', trouble: expect.stringMatching(/^claude could not reach the API \(HTTP 529, overloaded\): retry [12] of 5 in [\d.]+m?s$/) });
    const done = await server.call('claude_check', { jobId, waitSeconds: 45 });
    expect(done).toMatchObject({ status: 'completed', result: 'Recovered.' });
    expect(done.trouble).toBeUndefined();
    expect(tb.api.requests).toHaveLength(3);
  });

  it.skipIf(process.getuid?.() !== 0)('as root without IS_SANDBOX, fails with the cause and both ways out; the second way out works', async () => {
    const tb = await bed.create([{ text: 'Done without skipping permissions.' }], { sandbox: false });
    const env = tb.serverEnv();
    expect(env.IS_SANDBOX).toBeUndefined();
    const server = await tb.startServer();
    const { jobId } = await server.call('claude_start', { prompt: 'Do anything.' });
    const view = await server.call('claude_check', { jobId, waitSeconds: 45 });

    expect(view).toMatchObject({ status: 'failed', exitCode: 1 });
    const transcript = await server.call('claude_check', { jobId, output: 'transcript' });
    expect(String(transcript.output)).toMatch(/stderr:\n--dangerously-skip-permissions cannot be used with root\/sudo privileges for security reasons$/);
    expect(view.reason).toBe(
      'claude exited with code 1: claude refuses --dangerously-skip-permissions when run as root. ' +
        'Either set IS_SANDBOX=1 in the environment of the claude-async server (only in a sandbox you trust), ' +
        'or start the job with skipPermissions: false and a permissionMode such as "acceptEdits" or "dontAsk".',
    );
    expect(tb.api.traffic).toEqual([]);

    const again = await server.call('claude_run', { prompt: 'Do anything.', skipPermissions: false, permissionMode: 'dontAsk', waitSeconds: 45 });
    expect(again).toMatchObject({ status: 'completed', result: 'Done without skipping permissions.' });
    expect(existsSync((await readJobInternals(server, String(again.jobId))).files.stdout)).toBe(true);
  });
});
