// A launch whose runner never came (its launcher died between the launch record and the spawn) goes back to the
// queue, in its first place, and is launched again; after MAX_LAUNCHES such launches the job is given up as orphaned.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJob, inspectJob, promoteQueue } from '../../src/jobs/index.js';
import { jobPaths, rootPaths } from '../../src/jobs/layout.js';
import { LAUNCH_GRACE_MS, MAX_LAUNCHES } from '../../src/jobs/status.js';
import { describeProcess } from '../../src/process/identity.js';
import { makeTestRoot, STAND_IN_CLAUDE, type TestRoot } from '../helpers/job-root.js';

let test: TestRoot;
beforeEach(() => {
  test = makeTestRoot();
});
afterEach(() => test.cleanup());

async function create(jobId: string): Promise<void> {
  const outcome = await createJob(test.jobDir, { jobId, prompt: `task ${jobId}`, workFolder: test.dir, claudePath: STAND_IN_CLAUDE, claude: { skipPermissions: false } });
  expect(outcome.created).toBe(true);
}

// A pass whose launcher dies before starting anything: the launch is recorded and nothing runs.
async function passWithDeadLauncher(maxParallel = 1): Promise<string[]> {
  return promoteQueue(test.jobDir, { maxParallel, launch: () => undefined });
}

function launchRecord(jobId: string): Record<string, unknown> {
  return JSON.parse(readFileSync(jobPaths(test.jobDir, jobId).launch, 'utf8')) as Record<string, unknown>;
}

// The launch grace passing, without waiting for it.
function ageLaunch(jobId: string): void {
  const record = launchRecord(jobId);
  writeFileSync(jobPaths(test.jobDir, jobId).launch, JSON.stringify({ ...record, launchedAt: new Date(Date.now() - LAUNCH_GRACE_MS - 1000).toISOString() }));
}

const entries = (dir: 'queue' | 'active') => readdirSync(rootPaths(test.jobDir)[dir]).filter((name) => !name.startsWith('.'));

describe('a launch whose runner never came', () => {
  it('is running (starting) within the grace, then back in the queue ahead of later jobs and launched again', async () => {
    await create('lost');
    expect(await passWithDeadLauncher()).toEqual(['lost']);
    await create('later');
    expect(await inspectJob(test.jobDir, 'lost')).toMatchObject({ status: 'running', reason: 'starting' });
    // The only slot is taken by the lost launch while its grace lasts.
    expect(await passWithDeadLauncher()).toEqual([]);

    ageLaunch('lost');
    expect(await inspectJob(test.jobDir, 'lost')).toMatchObject({ status: 'queued', reason: 'its runner never started; waiting to be launched again' });
    expect(entries('active')).toEqual([]);
    expect(entries('queue').map((name) => name.split('.')[1])).toEqual(['lost', 'later']);

    expect(await passWithDeadLauncher()).toEqual(['lost']);
    expect(launchRecord('lost')).toEqual({ launchedAt: expect.any(String), launches: 2 });
    expect(entries('queue').map((name) => name.split('.')[1])).toEqual(['later']);
  });

  it('is found by a pass too, which puts it back and launches it in the same pass', async () => {
    await create('lost');
    await passWithDeadLauncher();
    await create('later');
    ageLaunch('lost');
    expect(await passWithDeadLauncher(2)).toEqual(['lost', 'later']);
    expect(launchRecord('lost')).toMatchObject({ launches: 2 });
  });

  it('taken by a runner that came late after all: runs once, and holds the slot again, ahead of later jobs', async () => {
    await create('late');
    await passWithDeadLauncher();
    ageLaunch('late');
    expect((await inspectJob(test.jobDir, 'late')).status).toBe('queued');
    // The late runner's claim, as the runner writes it, by a process that stands in for it (ended by the cleanup).
    const stand = spawn('sleep', ['60'], { stdio: 'ignore' });
    writeFileSync(jobPaths(test.jobDir, 'late').runner, JSON.stringify({ runner: describeProcess(stand.pid!), startedAt: new Date().toISOString() }));
    await create('next');
    // The only slot is the late job's again: the pass that finds it running starts nothing else.
    expect(await passWithDeadLauncher()).toEqual([]);
    expect(entries('queue').map((name) => name.split('.')[1])).toEqual(['next']);
    expect(entries('active')).toEqual(['late']);
    expect((await inspectJob(test.jobDir, 'late')).status).toBe('running');
  });

  it(`is given up as orphaned, with the reason, after ${MAX_LAUNCHES} launches`, async () => {
    await create('never');
    for (let launch = 1; launch <= MAX_LAUNCHES; launch += 1) {
      expect(await passWithDeadLauncher()).toEqual(['never']);
      ageLaunch('never');
      const snapshot = await inspectJob(test.jobDir, 'never');
      if (launch < MAX_LAUNCHES) expect(snapshot.status).toBe('queued');
      else expect(snapshot).toMatchObject({ status: 'orphaned', reason: `the runner never started in ${MAX_LAUNCHES} launches (the last 11 s ago)` });
    }
    expect(entries('queue')).toEqual([]);
    expect(entries('active')).toEqual([]);
    expect(await passWithDeadLauncher()).toEqual([]);
  });

  it('asked to stop meanwhile, ends cancelled instead of going back', async () => {
    await create('stopped');
    await passWithDeadLauncher();
    writeFileSync(jobPaths(test.jobDir, 'stopped').cancel, JSON.stringify({ requestedAt: new Date().toISOString() }));
    ageLaunch('stopped');
    expect(await inspectJob(test.jobDir, 'stopped')).toMatchObject({ status: 'cancelled', reason: 'cancelled (the runner never started (launched 11 s ago))' });
    expect(entries('queue')).toEqual([]);
  });
});
