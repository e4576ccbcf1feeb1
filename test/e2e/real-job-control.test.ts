// Job control with the real Claude Code CLI against the Messages API stand-in: a long turn is seen running with its
// output growing, cancel leaves no process of the job behind, resume continues the same session.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptText, type ContentBlock } from '../fixtures/messages-api.js';
import { findDescendants, findProcessesWithArg, findProcessesWithEnv, readEvents, useE2eBed } from '../helpers/e2e-bed.js';
import { readJobInternals } from '../helpers/mcp-client.js';
import { waitFor } from '../helpers/wait-for.js';
import { isProcessAlive } from '../../src/process/identity.js';
import { listGroupMembers } from '../../src/process/stop-group.js';

const bed = useE2eBed();

const DELAY_MS = 20_000;

describe('real claude job control', () => {
  it('is running with growing output and a known session during a 20 s turn, then completed', async () => {
    const tb = await bed.create([{ text: 'Late answer.', delayMs: DELAY_MS }]);
    const server = await tb.startServer();
    const startedAt = Date.now();
    const { jobId } = await server.call('claude_start', { prompt: 'Take your time.' });
    // The CLI printed its init event and the model is still thinking.
    const stdout = async () => readFileSync((await readJobInternals(server, String(jobId))).files.stdout, 'utf8');
    const sessionId = await waitFor(async () => {
      const log = (await readJobInternals(server, String(jobId))).files.stdout;
      const init = existsSync(log) ? readEvents(log).find((event) => event.subtype === 'init') : undefined;
      return init && tb.api.requests.length === 1 ? init.session_id : undefined;
    }, 'init event while the turn runs', 15_000);
    const running = await server.call('claude_check', { jobId });
    const runningLog = await stdout();
    expect(Date.now() - startedAt).toBeLessThan(DELAY_MS);
    expect(running).toEqual({ jobId, status: 'running', elapsed: expect.stringMatching(/^\d+s$/), turns: 0, next: expect.stringContaining('waitSeconds') });
    expect(sessionId).toBe(tb.api.requests[0]?.headers['x-claude-code-session-id']);

    const done = await server.call('claude_check', { jobId, waitSeconds: 45 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(DELAY_MS);
    expect(done).toMatchObject({ status: 'completed', sessionId, result: 'Late answer.' });
    expect((await stdout()).length).toBeGreaterThan(runningLog.length);
  }, 90_000);

  // Claude Code refuses a standalone `sleep 300` ("Blocked: standalone sleep 300 ..."), so the sleep follows an echo.
  // Its Bash tool runs the command in a shell of its own session, outside claude's process group.
  it('cancels a job whose claude runs a Bash `sleep 300`, leaving no process of the job, the sleep included', async () => {
    const marker = `e2e-${randomBytes(6).toString('hex')}`;
    const command = `echo waiting && sleep 300 # ${marker}`;
    const tb = await bed.create([{ toolUse: { name: 'Bash', input: { command, description: 'Wait a long time' } } }, { text: 'never reached' }]);
    const server = await tb.startServer();
    const { jobId } = await server.call('claude_start', { prompt: 'Wait for a while.' });
    const { shells, sleeps } = await waitFor(() => {
      const shells = findProcessesWithArg(marker);
      const sleeps = shells.flatMap(findDescendants).filter((pid) => readCmdline(pid) === 'sleep 300');
      return sleeps.length > 0 ? { shells, sleeps } : undefined;
    }, 'the Bash tool\'s sleep to run', 30_000);
    expect(await server.call('claude_check', { jobId })).toMatchObject({ status: 'running', tools: [`Bash: ${command}`] });
    const running = await readJobInternals(server, String(jobId));
    const jobEnv = `CLAUDE_ASYNC_JOB_ID=${String(jobId)}`;
    const jobProcesses = findProcessesWithEnv(jobEnv);
    expect(jobProcesses).toEqual(expect.arrayContaining([Number(running.pid), ...shells, ...sleeps]));

    const answer = await server.call('claude_cancel', { jobId });
    expect(answer).toMatchObject({ jobId, cancelled: true, status: 'cancelled' });
    expect(findProcessesWithArg(marker)).toEqual([]);
    expect(findProcessesWithEnv(jobEnv)).toEqual([]);
    expect(listGroupMembers(Number(running.pid))).toEqual([]);
    for (const pid of jobProcesses) expect(isProcessAlive({ pid, startTime: null })).toBe(false);
    // The runner records the end, then hands its slot on and exits.
    await waitFor(() => !isProcessAlive({ pid: Number(running.runnerPid), startTime: null }), 'the runner to exit', 5_000);
    expect(await server.call('claude_check', { jobId })).toMatchObject({ status: 'cancelled', reason: 'cancelled on request' });
  });

  it('resumes a finished job\'s session: --resume with its session id, the same session to the model, the conversation carried over', async () => {
    const tb = await bed.create([{ text: 'The secret word is heliotrope.' }, { text: 'You asked about heliotrope.' }]);
    const server = await tb.startServer();
    const first = await server.call('claude_run', { prompt: 'FIRST-PROMPT: pick a secret word.', waitSeconds: 45 });
    expect(first).toMatchObject({ status: 'completed', result: 'The secret word is heliotrope.' });
    const sessionId = String(first.sessionId);

    const second = await server.call('claude_run', { prompt: 'SECOND-PROMPT: what was it?', resumeJobId: first.jobId, waitSeconds: 45 });
    expect(second).toMatchObject({ status: 'completed', result: 'You asked about heliotrope.', sessionId });
    const { files } = await readJobInternals(server, String(second.jobId));
    expect(JSON.parse(readFileSync(path.join(files.dir, 'job.json'), 'utf8'))).toMatchObject({ parentJobId: first.jobId });
    const init = readEvents(files.stdout).find((event) => event.type === 'system' && event.subtype === 'init');
    expect(init?.session_id).toBe(sessionId);
    // The job was started as `claude --resume <the first job's session id>` (buildClaudeArgs turns this into argv).
    const record = JSON.parse(readFileSync(path.join(files.dir, 'job.json'), 'utf8')) as { claude: { resumeSessionId?: string } };
    expect(record.claude.resumeSessionId).toBe(sessionId);

    expect(tb.api.requests).toHaveLength(2);
    const resumed = tb.api.requests[1]!;
    expect(resumed.headers['x-claude-code-session-id']).toBe(sessionId);
    expect(resumed.body.metadata?.user_id).toContain(sessionId);
    expect(promptText(resumed.body)).toContain('SECOND-PROMPT: what was it?');
    const said = resumed.body.messages.map((message) => ({ role: message.role, text: flatten(message.content) }));
    const asked = said.findIndex((message) => message.role === 'user' && message.text.includes('FIRST-PROMPT: pick a secret word.'));
    const answered = said.findIndex((message) => message.role === 'assistant' && message.text.includes('The secret word is heliotrope.'));
    const askedAgain = said.findIndex((message) => message.role === 'user' && message.text.includes('SECOND-PROMPT'));
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(answered).toBeGreaterThan(asked);
    expect(askedAgain).toBeGreaterThan(answered);
  });
});

function flatten(content: string | ContentBlock[]): string {
  return typeof content === 'string' ? content : content.map((block) => block.text ?? '').join('\n');
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}
