// Permission requests answered by the caller, with the real Claude Code CLI against the Messages API stand-in: the
// job's claude asks our relay (--permission-prompt-tool), the job waits as input_required, and claude_respond (or
// `claude-async respond`, from any server) decides whether the Bash command runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolResults, type ContentBlock, type Turn } from '../fixtures/messages-api.js';
import { findProcessesWithArg, useE2eBed, type Bed } from '../helpers/e2e-bed.js';
import { makeGitRepo } from '../helpers/git-repo.js';
import { callRaw, readJobInternals, waitForStatus, type Json } from '../helpers/mcp-client.js';
import { runCli } from '../helpers/run-cli.js';
import type { McpSession } from '../../src/selftest/mcp-session.js';

const bed = useE2eBed();

// A Bash command that leaves a file behind, so whether it ran is a fact on disk.
function touchTurns(marker: string): Turn[] {
  return [
    { text: 'I need to run a command.', toolUse: { name: 'Bash', input: { command: `echo ran > ${marker}`, description: 'Leave a marker' } } },
    { text: 'Finished.' },
  ];
}

async function startAsking(tb: Bed, server: McpSession, extra: Json = {}): Promise<{ jobId: string; waiting: Json; marker: string }> {
  const marker = path.join(tb.workDir, 'marker.txt');
  tb.api.setScript(touchTurns(marker));
  const { jobId } = await server.call('claude_start', { prompt: 'Leave the marker.', askPermissions: true, ...extra });
  const waiting = await waitForStatus(server, String(jobId), ['input_required'], 45_000);
  return { jobId: String(jobId), waiting, marker };
}

// What claude told the model about the Bash call: the tool_result in the request that followed it.
function bashResult(tb: Bed): ContentBlock {
  const result = tb.api.requests.flatMap((request) => toolResults(request.body))[0];
  expect(result).toBeDefined();
  return result!;
}

function resultText(block: ContentBlock): string {
  return typeof block.content === 'string' ? block.content : (block.content ?? []).map((inner) => inner.text ?? '').join('\n');
}

describe('real claude jobs with askPermissions', () => {
  it('waits as input_required with the command; allow runs it and the job completes; a second answer is refused', async () => {
    const tb = await bed.create([]);
    const server = await tb.startServer();
    const { jobId, waiting, marker } = await startAsking(tb, server);

    expect(waiting.inputRequests).toEqual([
      expect.objectContaining({ requestId: 'perm-1', kind: 'permission', tool: 'Bash', input: expect.objectContaining({ command: `echo ran > ${marker}` }) }),
    ]);
    expect(existsSync(marker)).toBe(false);
    // The model is not asked again while the request waits.
    expect(tb.api.requests).toHaveLength(1);

    const answer = await server.call('claude_respond', { jobId, requestId: 'perm-1', allow: true });
    expect(answer).toMatchObject({ jobId, requestId: 'perm-1', tool: 'Bash', allow: true });
    const done = await server.call('claude_check', { jobId, waitSeconds: 45 });
    expect(done).toMatchObject({ status: 'completed', result: 'Finished.' });
    expect(done.inputRequests).toBeUndefined();
    expect(readFileSync(marker, 'utf8')).toBe('ran\n');
    expect(bashResult(tb).is_error).not.toBe(true);

    const again = await callRaw(server, 'claude_respond', { jobId, requestId: 'perm-1', allow: false });
    expect(again.isError).toBe(true);
    expect(again.text).toMatch(/^Request 'perm-1' of job '.+' was already answered at .+ \(allowed\); this answer was not used\.$/);
    const unknown = await callRaw(server, 'claude_respond', { jobId, requestId: 'perm-9', allow: true });
    expect(unknown.text).toBe(`Job '${jobId}' has no request 'perm-9'. It waits for no request now.`);
  });

  it('runs the updatedInput an allow gives instead of the command asked for', async () => {
    const tb = await bed.create([]);
    const server = await tb.startServer();
    const { jobId, marker } = await startAsking(tb, server);
    await server.call('claude_respond', { jobId, requestId: 'perm-1', allow: true, updatedInput: { command: `echo changed > ${marker}`, description: 'Leave a changed marker' } });
    expect(await waitForStatus(server, jobId, ['completed', 'failed'], 45_000)).toMatchObject({ status: 'completed' });
    expect(readFileSync(marker, 'utf8')).toBe('changed\n');
  });

  it('claude_run answers as soon as the job waits; deny means the command never runs, and claude is told the message', async () => {
    const tb = await bed.create([]);
    const marker = path.join(tb.workDir, 'marker.txt');
    tb.api.setScript(touchTurns(marker));
    const server = await tb.startServer();
    const started = Date.now();
    const waiting = await server.call('claude_run', { prompt: 'Leave the marker.', askPermissions: true, waitSeconds: 45 });
    expect(waiting).toMatchObject({ status: 'input_required', inputRequests: [expect.objectContaining({ requestId: 'perm-1' })] });
    expect(Date.now() - started).toBeLessThan(30_000);
    const jobId = String(waiting.jobId);

    await server.call('claude_respond', { jobId, requestId: 'perm-1', allow: false, message: 'Not on this machine.' });
    const done = await server.call('claude_check', { jobId, waitSeconds: 45 });
    expect(done).toMatchObject({ status: 'completed', result: 'Finished.' });
    expect(existsSync(marker)).toBe(false);
    const told = bashResult(tb);
    expect(told.is_error).toBe(true);
    expect(resultText(told)).toContain('Not on this machine.');
  });

  it('denies an unanswered request after CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS, telling claude why; a late answer is refused', async () => {
    const tb = await bed.create([]);
    const server = await tb.startServer({ CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS: '3' });
    const { jobId, waiting, marker } = await startAsking(tb, server);
    const asked = waiting.inputRequests as Json[];
    expect(Date.parse(String(asked[0]!.timeoutAt)) - Date.parse(String(asked[0]!.askedAt))).toBe(3000);

    // A wait answers at once while the job waits for input, so this follows it by looking.
    const done = await waitForStatus(server, jobId, ['completed', 'failed'], 45_000);
    expect(done).toMatchObject({ status: 'completed', result: 'Finished.' });
    expect(existsSync(marker)).toBe(false);
    expect(resultText(bashResult(tb))).toContain('Nobody answered this permission request within 3 s, so it was denied.');
    const late = await callRaw(server, 'claude_respond', { jobId, requestId: 'perm-1', allow: true });
    expect(late.text).toMatch(/^Request 'perm-1' of job '.+' was denied at .+ because nobody answered in time; this answer was not used\.$/);
  });

  it('keeps a caller\'s mcpConfig file beside the relay (two --mcp-config values)', async () => {
    const tb = await bed.create([]);
    const config = path.join(tb.workDir, 'mcp.json');
    writeFileSync(config, JSON.stringify({ mcpServers: {} }));
    const server = await tb.startServer();
    const { jobId, marker } = await startAsking(tb, server, { mcpConfig: config });
    await server.call('claude_respond', { jobId, requestId: 'perm-1', allow: true });
    expect(await waitForStatus(server, jobId, ['completed', 'failed'], 45_000)).toMatchObject({ status: 'completed' });
    expect(readFileSync(marker, 'utf8')).toBe('ran\n');
  });

  it('asks from a worktree job too, and the allowed command runs in the worktree, not the checkout', async () => {
    const tb = await bed.create([{ toolUse: { name: 'Bash', input: { command: 'echo ran > marker.txt', description: 'Leave a marker' } } }, { text: 'Finished.' }]);
    const repo = makeGitRepo(path.join(tb.workDir, 'repo'));
    const server = await tb.startServer();
    const { jobId } = await server.call('claude_start', { prompt: 'Leave the marker.', workFolder: repo, worktree: true, askPermissions: true });
    const waiting = await waitForStatus(server, String(jobId), ['input_required'], 45_000);
    expect(waiting.inputRequests).toEqual([expect.objectContaining({ tool: 'Bash', input: expect.objectContaining({ command: 'echo ran > marker.txt' }) })]);
    await server.call('claude_respond', { jobId, requestId: 'perm-1', allow: true });
    const done = await waitForStatus(server, String(jobId), ['completed', 'failed'], 45_000);
    expect(done).toMatchObject({ status: 'completed', worktree: { changedFiles: ['marker.txt'], uncommitted: 1 } });
    expect(readFileSync(path.join(String((done.worktree as Json).path), 'marker.txt'), 'utf8')).toBe('ran\n');
    expect(existsSync(path.join(repo, 'marker.txt'))).toBe(false);
  });

  it('cancels a job that waits for an answer, leaving no relay behind; the request then no longer waits', async () => {
    const tb = await bed.create([]);
    const server = await tb.startServer();
    const { jobId } = await startAsking(tb, server);
    const jobDir = (await readJobInternals(server, String(jobId))).files.dir;
    expect(findProcessesWithArg(`permission-relay ${jobDir}`)).toHaveLength(1);
    expect(await server.call('claude_cancel', { jobId })).toMatchObject({ cancelled: true, status: 'cancelled' });
    expect(findProcessesWithArg(`permission-relay ${jobDir}`)).toEqual([]);
    const late = await callRaw(server, 'claude_respond', { jobId, requestId: 'perm-1', allow: true });
    expect(late.text).toBe(`Request 'perm-1' no longer waits: job '${jobId}' has ended (cancelled).`);
  });

  it('loses nothing across a server restart: the request waits on, and the CLI answers it', async () => {
    const tb = await bed.create([]);
    const first = await tb.startServer();
    const { jobId, marker } = await startAsking(tb, first);
    // Killed, not closed: a crash, with the relay and claude waiting on in the job's own processes.
    process.kill(first.pid!, 'SIGKILL');

    const second = await tb.startServer();
    const still = await second.call('claude_check', { jobId });
    expect(still).toMatchObject({ status: 'input_required', inputRequests: [expect.objectContaining({ requestId: 'perm-1', tool: 'Bash' })] });
    const shown = await runCli(['show', jobId], { env: tb.serverEnv() });
    expect(shown.stdout).toContain(`perm-1: Bash: echo ran > ${marker} (answer: claude-async respond ${jobId} perm-1 allow|deny)`);

    const answered = await runCli(['respond', jobId.slice(0, 12), 'perm-1', 'allow'], { env: tb.serverEnv() });
    expect(answered).toMatchObject({ code: 0, stdout: `${jobId} perm-1 (Bash): allowed; the job goes on\n` });
    const done = await second.call('claude_check', { jobId, waitSeconds: 45 });
    expect(done).toMatchObject({ status: 'completed' });
    expect(readFileSync(marker, 'utf8')).toBe('ran\n');
    const twice = await runCli(['respond', jobId, 'perm-1', 'deny'], { env: tb.serverEnv() });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("was already answered at");
  });
});
