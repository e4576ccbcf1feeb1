// The races of a job's life, made to happen on demand: a worker or a start paused with SIGSTOP past every grace
// period (the queue lock goes stale after 10 s), then resumed. Each case failed under the launch-and-claim
// lifecycle this one replaced: a job is never lost, never run twice, never run after a cancel, never run as someone
// else, and the cap holds through the pause.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createJob, inspectJob } from '../../src/jobs/index.js';
import { jobPaths } from '../../src/jobs/layout.js';
import { isProcessAlive } from '../../src/process/identity.js';
import { killPids } from '../helpers/e2e-bed.js';
import { STAND_IN_CLAUDE, type TestRoot } from '../helpers/job-root.js';
import { startServer, waitForStatus, type Json } from '../helpers/mcp-client.js';
import { peakConcurrency } from '../helpers/stamps.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const PAUSE_AT = fileURLToPath(new URL('../fixtures/pause-at.mjs', import.meta.url));
// Past the queue lock's staleness (10 s): another worker takes the lock while the paused one holds it.
const PAST_EVERY_GRACE_MS = 11_000;
const root = useTestRoot();
const started: ChildProcess[] = [];

afterEach(() => killPids(started.splice(0).flatMap((child) => (child.pid ? [child.pid] : []))));

// Starts pause-at.mjs and resolves once it has stopped itself.
async function startPaused(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [PAUSE_AT, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  let said = '';
  child.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  await waitFor(() => said.includes('paused'), `${args[0]} to pause`);
  await waitFor(() => readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.startsWith('T'), `${args[0]} to be stopped`);
  return child;
}

function exited(child: ChildProcess): Promise<unknown> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
}

async function createQueued(test: TestRoot, prompt: string, env = test.env()): Promise<string> {
  const created = await createJob(test.jobDir, { prompt, workFolder: test.dir, claudePath: STAND_IN_CLAUDE, claude: { skipPermissions: true }, env, maxLogBytes: 0 });
  return created.record!.jobId;
}

function initEvent(test: TestRoot, jobId: string): Json {
  const line = readFileSync(jobPaths(test.jobDir, jobId).stdout, 'utf8').split('\n').find((l) => l.includes('"subtype":"init"'));
  return JSON.parse(line!) as Json;
}

describe('a worker paused inside its pass', () => {
  it('never starts a job cancelled while it was paused, and the status stays cancelled', async () => {
    const test = root.current;
    const jobId = await createQueued(test, 'must never run');
    const worker = await startPaused(['worker', test.jobDir, 'before-claim'], test.env());
    const server = await startServer(test.env());
    expect(await server.call('claude_cancel', { jobId, waitSeconds: 0 })).toMatchObject({ cancelled: true, status: 'cancelled', message: 'Removed from the queue; it never started.' });
    await sleep(PAST_EVERY_GRACE_MS);
    process.kill(worker.pid!, 'SIGCONT');
    await exited(worker);
    expect(existsSync(jobPaths(test.jobDir, jobId).stdout)).toBe(false);
    // The environment recorded for it, credentials and all, went with the job.
    expect(existsSync(jobPaths(test.jobDir, jobId).env)).toBe(false);
    expect(await server.call('claude_check', { jobId })).toMatchObject({ status: 'cancelled', reason: 'cancelled while queued; it never started' });
  });

  it('keeps the cap: what it claims after its lock went stale is undone, and the job runs later, alone', async () => {
    const test = root.current;
    const stamps = path.join(test.dir, 'stamps.log');
    const env = test.env({ CLAUDE_ASYNC_MAX_PARALLEL: '1' });
    const first = await createQueued(test, `@stamps ${stamps}\n@sleep 3000`, env);
    const second = await createQueued(test, `@stamps ${stamps}`, env);
    const paused = await startPaused(['worker', test.jobDir, 'before-claim'], env);
    // This server's workers take the stale lock and run the first job while the paused worker still counts 0 busy.
    const server = await startServer(env);
    await waitFor(async () => (await inspectJob(test.jobDir, first)).runner?.claude, 'another worker to run the first job', 30_000);
    process.kill(paused.pid!, 'SIGCONT');
    await exited(paused);
    for (const jobId of [first, second]) expect((await waitForStatus(server, jobId, ['completed', 'failed'], 30_000)).status).toBe('completed');
    expect(peakConcurrency(stamps)).toBe(1);
    expect((await inspectJob(test.jobDir, second)).runner!.runner.pid).not.toBe(paused.pid);
  });
});

describe('a start paused before its queue entry', () => {
  it('is not dropped while paused: once resumed its job is queued and runs', async () => {
    const test = root.current;
    const server = await startServer(test.env());
    const start = await startPaused(['start', test.jobDir, 'before-queue', STAND_IN_CLAUDE, test.dir, 'paused start'], test.env());
    // Other work goes on meanwhile, through passes that used to drop an entry whose job.json was late.
    const { jobId: other } = await server.call('claude_start', { prompt: 'meanwhile' });
    await waitForStatus(server, String(other), ['completed']);
    await sleep(PAST_EVERY_GRACE_MS);
    let said = '';
    start.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
    process.kill(start.pid!, 'SIGCONT');
    const jobId = (await waitFor(() => /created (\S+)/.exec(said)?.[1], 'the start to finish'))!;
    expect((await waitForStatus(server, jobId, ['completed', 'failed', 'unknown'], 20_000)).status).toBe('completed');
  });
});

describe('jobs of two servers with different environments, cap 1', () => {
  it('each run with the environment of the server that created it, whichever worker runs them', async () => {
    const test = root.current;
    const probe = '@env MARK,CLAUDE_ASYNC_DEPTH,HOME';
    const one = await startServer(test.env({ CLAUDE_ASYNC_MAX_PARALLEL: '1', CLAUDE_ASYNC_CHILD_MARK: 'one', HOME: path.join(test.dir, 'home-one') }));
    const two = await startServer(test.env({ CLAUDE_ASYNC_MAX_PARALLEL: '1', CLAUDE_ASYNC_CHILD_MARK: 'two', HOME: path.join(test.dir, 'home-two'), CLAUDE_ASYNC_DEPTH: '1' }));
    const a = String((await one.call('claude_start', { prompt: `${probe}\n@sleep 1500` })).jobId);
    const b = String((await two.call('claude_start', { prompt: probe })).jobId);
    for (const jobId of [a, b]) await waitForStatus(one, jobId, ['completed']);
    // The first job's worker ran the second server's job too: the case that used to lend it the wrong environment.
    const [ra, rb] = await Promise.all([a, b].map((jobId) => inspectJob(test.jobDir, jobId)));
    expect(rb!.runner!.runner.pid).toBe(ra!.runner!.runner.pid);
    expect(initEvent(test, a).env).toEqual({ MARK: 'one', CLAUDE_ASYNC_DEPTH: '1', HOME: path.join(test.dir, 'home-one') });
    expect(initEvent(test, b).env).toEqual({ MARK: 'two', CLAUDE_ASYNC_DEPTH: '2', HOME: path.join(test.dir, 'home-two') });
    for (const jobId of [a, b]) expect(existsSync(jobPaths(test.jobDir, jobId).env)).toBe(false);
  });
});

describe('what a job leaves running', () => {
  it.each([
    ['ends', '@sleep 100'],
    ['is cancelled', '@sleep 60000'],
  ])('a daemon in a session of its own with an emptied environment is stopped when the job %s', async (how, wait) => {
    const test = root.current;
    const pidFile = path.join(test.dir, 'daemon.pid');
    const server = await startServer(test.env());
    const { jobId } = await server.call('claude_start', { prompt: `@daemon ${pidFile}\n${wait}` });
    const daemon = Number(await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim(), 'the daemon to start'));
    started.push({ pid: daemon } as ChildProcess);
    const ref = { pid: daemon, startTime: null };
    expect(isProcessAlive(ref)).toBe(true);
    if (how === 'is cancelled') await server.call('claude_cancel', { jobId });
    await waitForStatus(server, String(jobId), ['completed', 'cancelled']);
    // Only the job's own cgroup reaches it (Linux with cgroup v2 where this user may make one, as here; README says so).
    expect((await inspectJob(test.jobDir, String(jobId))).runner?.cgroup).toBeDefined();
    await waitFor(() => !isProcessAlive(ref), 'the daemon to be stopped', 10_000);
  });
});
