// The core promise, through the SDK's client over stdio against the built server: start, check, list; failures;
// prompts that arrive byte for byte; many jobs at once; private files.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { callRaw, readJobInternals, startServer, waitForStatus } from '../helpers/mcp-client.js';

const testRoot = useTestRoot();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('claude_start, claude_check, claude_jobs', () => {
  it('runs a job to completed and reports its result, pids and times', async () => {
    const server = await startServer(testRoot.current.env());
    const started = await server.call('claude_start', { prompt: 'hello there', model: 'sonnet' });
    expect(started).toMatchObject({ created: true, model: 'sonnet' });
    expect(started.status).toBe('queued');
    expect(started.queuePosition).toBeUndefined();
    expect(String(started.jobId)).toMatch(/^[0-9a-z]{9}-[0-9a-f]{10}$/);

    const done = await waitForStatus(server, String(started.jobId), ['completed', 'failed']);
    const init = JSON.parse(readFileSync((await readJobInternals(server, String(started.jobId))).files.stdout, 'utf8').split('\n')[0]!);
    // The answer a model gets: claude's result and each fact once, in money rounded for people.
    expect(done).toEqual({
      jobId: started.jobId,
      status: 'completed',
      elapsed: expect.stringMatching(/^\d+s$/),
      turns: 1,
      costUsd: 0.0012,
      sessionId: init.session_id,
      result: `prompt sha256 ${sha256('hello there')} bytes 11`,
    });

    // claude got -p, stream-json, --verbose, the model and skip-permissions, and no nested-session markers.
    expect(init.args).toEqual(expect.arrayContaining(['-p', '--output-format', 'stream-json', '--verbose', '--model', 'sonnet', '--dangerously-skip-permissions']));
    expect(init.cwd).toBe(testRoot.current.dir);

    const listing = await server.call('claude_jobs', {});
    expect(listing.total).toBe(1);
    expect(listing.jobs).toEqual([expect.objectContaining({ jobId: started.jobId, status: 'completed', promptSummary: 'hello there', costUsd: 0.0012 })]);
  });

  it('reports a failing job as failed with its exit code and claude\'s own words', async () => {
    const server = await startServer(testRoot.current.env());
    const { jobId } = await server.call('claude_start', { prompt: '@stderr API Error: 500 overloaded\n@exit 7' });
    const view = await waitForStatus(server, String(jobId), ['completed', 'failed']);
    expect(view).toMatchObject({ status: 'failed', exitCode: 7 });
    expect(String(view.reason)).toContain('claude exited with code 7');
    expect(String(view.reason)).toContain('stand-in failure with exit code 7');
    const withOutput = await server.call('claude_check', { jobId, output: 'transcript' });
    expect(String(withOutput.output)).toMatch(/stderr:\nAPI Error: 500 overloaded$/);
  });

  it('refuses to start when CLAUDE_CLI_PATH is not an executable, or claude is nowhere, saying where it looked', async () => {
    const wrongPath = await startServer(testRoot.current.env({ CLAUDE_CLI_PATH: testRoot.current.dir }));
    const refused = await callRaw(wrongPath, 'claude_start', { prompt: 'x' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain(`CLAUDE_CLI_PATH is set to '${testRoot.current.dir}', but that is not an executable file`);
    const nowhere = await startServer({ ...testRoot.current.env(), CLAUDE_CLI_PATH: '', PATH: testRoot.current.dir, HOME: testRoot.current.dir });
    const missing = await callRaw(nowhere, 'claude_start', { prompt: 'x' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain(`claude CLI not found; looked in: PATH (${testRoot.current.dir}); ${testRoot.current.dir}/.local/bin/claude;`);
    expect(missing.text).toContain('set CLAUDE_CLI_PATH to the claude binary');
    expect((await nowhere.call('claude_jobs', {})).total).toBe(0);
  });

  it('fails a job whose workFolder vanished before claude could start, with the reason', async () => {
    const work = path.join(testRoot.current.dir, 'vanishing');
    mkdirSync(work);
    const server = await startServer(testRoot.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: '1' }));
    const blocker = await server.call('claude_start', { prompt: '@sleep 1500' });
    const { jobId } = await server.call('claude_start', { prompt: 'x', workFolder: work });
    expect((await server.call('claude_check', { jobId })).status).toBe('queued');
    rmSync(work, { recursive: true });
    const view = await waitForStatus(server, String(jobId), ['completed', 'failed']);
    expect(view).toMatchObject({ status: 'failed', exitCode: null, reason: `the workFolder ${work} no longer exists or is not a directory` });
    expect((await waitForStatus(server, String(blocker.jobId), ['completed'])).status).toBe('completed');
  });

  it('delivers a 2 MiB prompt and one full of shell characters byte for byte', async () => {
    const server = await startServer(testRoot.current.env());
    const big = 'x'.repeat(2 * 1024 * 1024 - 10) + '\nend ✓ 🙂';
    const tricky = 'quotes " \' $(rm -rf /) `whoami` $HOME %PATH% \\ \n newlines\r\n\t tab 🙂 emoji ✓ ; | & > <';
    const jobs = await Promise.all([big, tricky].map((prompt) => server.call('claude_start', { prompt })));
    for (const [index, prompt] of [big, tricky].entries()) {
      const view = await waitForStatus(server, String(jobs[index]!.jobId), ['completed', 'failed']);
      expect(view.status).toBe('completed');
      expect(view.result).toBe(`prompt sha256 ${sha256(prompt)} bytes ${Buffer.byteLength(prompt)}`);
    }
  });

  it('runs 12 jobs started at once, each with its own output', async () => {
    const server = await startServer(testRoot.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: '0' }));
    const prompts = Array.from({ length: 12 }, (_, i) => `job number ${i}\n@sleep 300`);
    const started = await Promise.all(prompts.map((prompt) => server.call('claude_start', { prompt })));
    expect(new Set(started.map((s) => s.jobId)).size).toBe(12);
    for (const [i, s] of started.entries()) {
      const view = await waitForStatus(server, String(s.jobId), ['completed', 'failed']);
      expect(view.status).toBe('completed');
      expect(view.result).toContain(sha256(prompts[i]!));
    }
  });

  it('returns the existing job for a repeated jobId with the same prompt, and refuses another prompt', async () => {
    const server = await startServer(testRoot.current.env());
    const first = await server.call('claude_start', { prompt: 'same', jobId: 'my-job.1' });
    const again = await server.call('claude_start', { prompt: 'same', jobId: 'my-job.1' });
    expect(first).toMatchObject({ jobId: 'my-job.1', created: true });
    expect(again).toMatchObject({ jobId: 'my-job.1', created: false });
    const clash = await callRaw(server, 'claude_start', { prompt: 'different', jobId: 'my-job.1' });
    expect(clash.isError).toBe(true);
    expect(clash.text).toContain("jobId 'my-job.1' is already used by a job created at");
    expect((await server.call('claude_jobs', {})).total).toBe(1);
  });

  it('keeps the job directory private: 0700 directories, 0600 files', async () => {
    const server = await startServer(testRoot.current.env());
    const { jobId } = await server.call('claude_start', { prompt: 'secret' });
    await waitForStatus(server, String(jobId), ['completed']);
    const jobDir = path.join(testRoot.current.jobDir, 'jobs', String(jobId));
    expect(statSync(testRoot.current.jobDir).mode & 0o777).toBe(0o700);
    expect(statSync(jobDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(jobDir);
    expect(files).toEqual(expect.arrayContaining(['job.json', 'prompt.txt', 'runner.json', 'exit.json', 'stdout.log', 'stderr.log']));
    for (const file of files) expect({ file, mode: statSync(path.join(jobDir, file)).mode & 0o777 }).toEqual({ file, mode: 0o600 });
  });

  it('reports an unknown job as unknown with the reason', async () => {
    const server = await startServer(testRoot.current.env());
    const view = await server.call('claude_check', { jobId: 'no-such-job' });
    expect(view).toMatchObject({ jobId: 'no-such-job', status: 'unknown', reason: 'no such job' });
  });
});
