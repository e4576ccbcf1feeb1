// Records damaged or taken away under a job: a deleted job directory, records truncated to nothing, garbage in the
// exit record, and runner records whose pid now belongs to someone else. Each is reported with a status and a
// reason, never as "running" on a stranger's pid, and the server keeps answering.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJob } from '../../src/jobs/index.js';
import { jobPaths } from '../../src/jobs/layout.js';
import { describeProcess, isProcessAlive } from '../../src/process/identity.js';
import { killPids } from '../helpers/e2e-bed.js';
import { STAND_IN_CLAUDE } from '../helpers/job-root.js';
import { readJobInternals, startServer, waitForClaude, waitForStatus, type Json } from '../helpers/mcp-client.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();
const strangers: number[] = [];

afterEach(() => killPids(strangers.splice(0)));

// A record of a job, by the name README's "Where files live" gives it.
const recordOf = (view: { files: { dir: string } }, name: string) => path.join(view.files.dir, name);

async function startRunningJob(extraEnv: Record<string, string> = {}) {
  const server = await startServer(root.current.env(extraEnv));
  const { jobId } = await server.call('claude_start', { prompt: '@sleep 2000' });
  return { server, jobId: String(jobId), view: await waitForClaude(server, String(jobId)) };
}

describe('damaged records', () => {
  it('reports a job whose directory was deleted while it ran as unknown; its runner ends and the queue moves on', async () => {
    const { server, jobId, view } = await startRunningJob({ CLAUDE_ASYNC_MAX_PARALLEL: '1' });
    const { jobId: queued } = await server.call('claude_start', { prompt: 'waits for the slot' });
    rmSync(String((view.files as { dir: string }).dir), { recursive: true });

    expect(await server.call('claude_check', { jobId })).toMatchObject({ status: 'unknown', reason: 'no such job' });
    const runner = { pid: Number(view.runnerPid), startTime: null };
    await waitFor(() => !isProcessAlive(runner), 'the runner to end', 15_000);
    expect((await waitForStatus(server, String(queued), ['completed', 'failed'], 20_000)).status).toBe('completed');
    expect(((await server.call('claude_jobs', {})).jobs as Json[]).map((job) => job.jobId)).toEqual([queued]);
  });

  it('reports a job.json truncated to zero bytes as unknown, saying the record is empty', async () => {
    const server = await startServer(root.current.env());
    const { jobId } = await server.call('claude_start', { prompt: 'hello' });
    const done = await waitForStatus(server, String(jobId), ['completed']);
    truncateSync(recordOf(await readJobInternals(server, String(done.jobId)), 'job.json'), 0);
    const view = await server.call('claude_check', { jobId });
    expect(view).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/job\.json is empty$/) });
    expect(((await server.call('claude_jobs', {})).jobs as Json[])[0]).toMatchObject({ jobId, status: 'unknown' });
  });

  it('reports a running job whose runner.json was truncated as unknown, and completed once the runner records the end', async () => {
    const { server, jobId, view } = await startRunningJob();
    truncateSync(recordOf(view, 'runner.json'), 0);
    expect(await server.call('claude_check', { jobId })).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/runner\.json is empty$/) });
    expect((await waitForStatus(server, jobId, ['completed', 'failed'], 15_000)).status).toBe('completed');
  });

  it.each([
    ['a finished job', true],
    ['a running job', false],
  ])('reports garbage in the exit.json of %s as unknown with the parse error; the runner does not overwrite it', async (_, finished) => {
    const { server, jobId, view } = await startRunningJob();
    if (finished) await waitForStatus(server, jobId, ['completed']);
    writeFileSync(recordOf(view, 'exit.json'), '\u0000garbage{{');
    const runner = { pid: Number(view.runnerPid), startTime: null };
    await waitFor(() => !isProcessAlive(runner), 'the runner to end', 15_000);
    expect(await server.call('claude_check', { jobId })).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/exit\.json is not valid JSON/) });
    expect((await server.call('claude_jobs', {})).total).toBe(1);
  });
});

describe('a reused pid', () => {
  // A live process that is not ours: a detached sleep, leader of its own process group like a claude would be.
  function startStranger(): number {
    const sleeper = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    sleeper.unref();
    strangers.push(sleeper.pid!);
    return sleeper.pid!;
  }

  it.each([
    ['an unrelated sleep', () => startStranger()],
    ['the test process itself', () => process.pid],
  ])('is not taken for the runner when the pid now belongs to %s: the job is orphaned and the stranger lives', async (_, pickPid) => {
    const stranger = startStranger();
    const runnerPid = pickPid();
    const { jobDir, dir } = root.current;
    const created = await createJob(jobDir, { prompt: 'never launched', workFolder: dir, claudePath: STAND_IN_CLAUDE, claude: { skipPermissions: true }, env: {}, maxLogBytes: 0 });
    const jobId = created.record!.jobId;
    // A claim as a worker leaves it, whose worker and claude pids now belong to others (their start times differ).
    const claim = { runner: { pid: runnerPid, startTime: `${describeProcess(runnerPid).startTime}1` }, startedAt: new Date().toISOString(), claude: { pid: stranger, startTime: '1' } };
    writeFileSync(jobPaths(jobDir, jobId).runner, JSON.stringify(claim));

    const server = await startServer(root.current.env());
    const view = await server.call('claude_check', { jobId });
    expect(view).toMatchObject({ status: 'orphaned', reason: `the worker (pid ${runnerPid}) died without recording how claude ended` });
    // A worker's pass records the ending once; nothing is signalled on the strength of a stranger's pid.
    const exit = jobPaths(jobDir, jobId).exit;
    await waitFor(() => existsSync(exit), 'a worker to record the orphaning', 20_000);
    expect(JSON.parse(readFileSync(exit, 'utf8'))).toMatchObject({ outcome: 'orphaned' });
    expect((await server.call('claude_jobs', {})).jobs).toEqual([expect.objectContaining({ jobId, status: 'orphaned' })]);
    expect(isProcessAlive(describeProcess(stranger))).toBe(true);
  });
});
