// `claude-async logs`: the transcript of a finished job, raw bytes, and -f following a job that still runs.
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_LOG } from '../../fixtures/transcript.js';
import { useCliRoot } from '../../helpers/cli-root.js';
import { FIXTURE_TRANSCRIPT_LINES, makeFixtureJob } from '../../helpers/fixture-job.js';
import { readJobInternals, startServer, waitForStatus } from '../../helpers/mcp-client.js';
import { cliEnv, runCli, startCli } from '../../helpers/run-cli.js';
import { waitFor } from '../../helpers/wait-for.js';

let done: string;

const shared = useCliRoot(async (root) => {
  done = await makeFixtureJob(root);
});

describe('claude-async logs', () => {
  it('prints the transcript alone', async () => {
    const run = await runCli(['logs', done], { env: cliEnv(shared.current) });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trimEnd().split('\n')).toEqual(FIXTURE_TRANSCRIPT_LINES);
  });

  it('prints the raw stream-json byte for byte with --raw', async () => {
    const run = await runCli(['logs', done, '--raw'], { env: cliEnv(shared.current) });
    expect(run.stdout).toBe(TRANSCRIPT_LOG);
  });

  it('fails with exit 1 on an unknown id, naming the recent ones', async () => {
    const run = await runCli(['logs', 'nosuchjob', '-f'], { env: cliEnv(shared.current) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^claude-async: No job 'nosuchjob' in .+\\. Recent jobs: ${done}\\.`));
  });

  it('follows a job that already ended by printing it all and exiting', async () => {
    const run = await runCli(['logs', '-f', done], { env: cliEnv(shared.current) });
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual(FIXTURE_TRANSCRIPT_LINES);
  });

  it.each([
    ['rendered', [] as string[], /^session · /m, /✓ success · in [\d.]+s · 1 turn · \$0\.0012\n$/],
    ['raw', ['--raw'], /^\{"type":"system","subtype":"init"/, /"type":"result".*\}\n$/],
  ])('-f prints a running job as it writes (%s) and ends with it', async (_mode, flags, first, last) => {
    const server = await startServer(shared.current.env());
    const { jobId } = await server.call('claude_start', { prompt: '@sleep 3000\nfollow me' });
    const cli = startCli(['logs', '-f', ...flags, String(jobId)], { env: cliEnv(shared.current) });
    // The init event comes at once, the answer after the sleep: the first lines appear while the job still runs.
    await waitFor(() => first.test(cli.stdout()), 'the first lines of the running job', 10_000);
    expect((await server.call('claude_check', { jobId })).status).toBe('running');
    expect(cli.stdout()).not.toMatch(/success/);
    const run = await waitFor(() => Promise.race([cli.done, Promise.resolve(undefined)]), 'logs -f to exit when the job ends', 20_000);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(last);
    expect((await server.call('claude_check', { jobId })).status).toBe('completed');
  });

  it('ends quietly when its reader closes the pipe early, as `| head` does', async () => {
    const server = await startServer(shared.current.env());
    const { jobId } = await server.call('claude_start', { prompt: '@bytes 8000000' });
    await waitForStatus(server, String(jobId), ['completed']);
    const cli = startCli(['logs', '--raw', String(jobId)], { env: cliEnv(shared.current) });
    cli.child.stdout!.once('data', () => cli.child.stdout!.destroy());
    const run = await cli.done;
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('-f goes on after the log is cut under its cap while followed, to the result', async () => {
    const server = await startServer(shared.current.env({ CLAUDE_ASYNC_MAX_LOG_MB: '1' }));
    const { jobId } = await server.call('claude_start', { prompt: '@bytes 4000000\n@pace 4000' });
    const cli = startCli(['logs', '-f', String(jobId)], { env: cliEnv(shared.current) });
    const run = await waitFor(() => Promise.race([cli.done, Promise.resolve(undefined)]), 'logs -f to exit when the job ends', 30_000);
    expect(run.code).toBe(0);
    // The cut happened while it followed, and what came after it (the answer and the result) still arrived.
    expect(run.stdout).toMatch(/claude-async cut \d+ bytes here/);
    expect(run.stdout).toMatch(/✓ success · in [\d.]+s · 1 turn · \$0\.0012\n$/);
  });

  it('reads a finished log to its last byte when it ends in a cut-off character: no reader is left short', async () => {
    const claude = path.join(shared.current.dir, 'cut-char-claude');
    // The result, then the first two bytes of a three-byte character, and the end.
    writeFileSync(claude, `#!/bin/sh\ncat >/dev/null\necho '{"type":"result","subtype":"success","is_error":false,"result":"ok","session_id":"s"}'\nprintf '\\342\\202'\n`, { mode: 0o755 });
    const server = await startServer(shared.current.env({ CLAUDE_CLI_PATH: claude }));
    const { jobId } = await server.call('claude_start', { prompt: 'x' });
    const view = await waitForStatus(server, String(jobId), ['completed']);
    expect(view.status).toBe('completed');
    const size = statSync((await readJobInternals(server, String(jobId))).files.stdout).size;
    const since = await server.call('claude_check', { jobId, output: 'raw', sinceOffset: size - 2 });
    expect(since).toMatchObject({ nextOffset: size, output: '\ufffd' });
    const raw = await runCli(['logs', '--raw', String(jobId)], { env: cliEnv(shared.current) });
    expect(raw.stdout.endsWith('"session_id":"s"}\n\ufffd')).toBe(true);
  });
});
