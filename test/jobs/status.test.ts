import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../src/jobs/records.js';
import type { ExitRecord, JobRecord, LaunchRecord, RunnerRecord } from '../../src/jobs/schema.js';
import { deriveStatus, hasEnded, LAUNCH_GRACE_MS, MAX_LAUNCHES, type JobFacts } from '../../src/jobs/status.js';

const NOW = Date.parse('2026-11-21T12:00:00.000Z');
const ok = <T>(value: T): ReadResult<T> => ({ state: 'ok', value });
const missing = { state: 'missing' } as const;
const invalid = (reason: string) => ({ state: 'invalid', reason }) as const;

const record = ok({ jobId: 'j' } as JobRecord);
const runner = ok<RunnerRecord>({ runner: { pid: 42, startTime: '1' }, startedAt: new Date(NOW).toISOString() });
const launchedAgo = (ms: number, launches?: number) => ok<LaunchRecord>({ launchedAt: new Date(NOW - ms).toISOString(), ...(launches ? { launches } : {}) });
const exit = (fields: Partial<ExitRecord>) =>
  ok<ExitRecord>({ outcome: 'exited', endedAt: new Date(NOW).toISOString(), exitCode: 0, signal: null, ...fields });

function facts(overrides: Partial<JobFacts>): JobFacts {
  return { record, launch: missing, runner: missing, exit: missing, cancel: missing, runnerAlive: false, now: NOW, ...overrides };
}

describe('deriveStatus', () => {
  it.each<[string, Partial<JobFacts>, string, string | undefined]>([
    ['no record', { record: missing }, 'unknown', 'no such job'],
    ['torn record', { record: invalid('job.json is empty') }, 'unknown', 'job.json is empty'],
    ['nothing but the record', {}, 'queued', undefined],
    ['launched moments ago', { launch: launchedAgo(100) }, 'running', 'starting'],
    ['launched long ago, no runner', { launch: launchedAgo(LAUNCH_GRACE_MS + 1) }, 'queued', 'the runner never started (launched 10 s ago); back in the queue'],
    ['put back in the queue', { launch: ok({ launchedAt: new Date(NOW - 60_000).toISOString(), requeuedAt: new Date(NOW).toISOString() }) }, 'queued', 'its runner never started; waiting to be launched again'],
    ['launched again long ago, no runner', { launch: launchedAgo(LAUNCH_GRACE_MS + 1, 2) }, 'queued', 'the runner never started in 2 launches (the last 10 s ago); back in the queue'],
    ['last launch long ago, no runner', { launch: launchedAgo(LAUNCH_GRACE_MS + 1, MAX_LAUNCHES) }, 'orphaned', `the runner never started in ${MAX_LAUNCHES} launches (the last 10 s ago)`],
    ['runner alive', { launch: launchedAgo(1), runner, runnerAlive: true }, 'running', undefined],
    ['runner alive, a permission request waits', { launch: launchedAgo(1), runner, runnerAlive: true, waitingForInput: true }, 'input_required', undefined],
    ['ended while a permission request waited', { runner, runnerAlive: true, waitingForInput: true, exit: exit({}) }, 'completed', undefined],
    ['runner dead, no exit', { runner, runnerAlive: false }, 'orphaned', 'the runner (pid 42) died without recording how claude ended'],
    ['exit 0', { runner, exit: exit({}) }, 'completed', undefined],
    ['exit 0 even if the runner lives on', { runner, runnerAlive: true, exit: exit({}) }, 'completed', undefined],
    ['exit 2', { exit: exit({ exitCode: 2 }) }, 'failed', 'claude exited with code 2'],
    ['exit 2 with a reason', { exit: exit({ exitCode: 2, reason: 'API Error: 500' }) }, 'failed', 'API Error: 500'],
    ['killed by a signal', { exit: exit({ exitCode: null, signal: 'SIGKILL' }) }, 'failed', 'claude was killed by signal SIGKILL'],
    ['could not spawn', { exit: exit({ outcome: 'spawn_failed', exitCode: null, reason: 'ENOENT' }) }, 'failed', 'ENOENT'],
    ['cancelled', { exit: exit({ outcome: 'cancelled', exitCode: null, reason: 'cancelled by claude_cancel' }) }, 'cancelled', 'cancelled by claude_cancel'],
    ['timed out', { exit: exit({ outcome: 'timed_out', exitCode: null }) }, 'timed_out', undefined],
    ['settled orphan', { exit: exit({ outcome: 'orphaned', exitCode: null, reason: 'runner died' }) }, 'orphaned', 'runner died'],
    ['garbage exit record', { runner, runnerAlive: true, exit: invalid('exit.json is not valid JSON') }, 'unknown', 'exit.json is not valid JSON'],
    ['garbage runner record', { runner: invalid('runner.json is empty') }, 'unknown', 'runner.json is empty'],
    ['garbage launch record', { launch: invalid('launch.json is empty') }, 'unknown', 'launch.json is empty'],
  ])('%s -> %s', (_, overrides, status, reason) => {
    const derived = deriveStatus(facts(overrides));
    expect(derived.status).toBe(status);
    expect(derived.reason).toBe(reason);
  });

  it('marks only unsettled deaths for settling, and a launch whose runner never came for the queue', () => {
    expect(deriveStatus(facts({ runner })).settle).toBe('orphaned');
    expect(deriveStatus(facts({ launch: launchedAgo(LAUNCH_GRACE_MS + 1) })).settle).toBe('requeue');
    expect(deriveStatus(facts({ launch: launchedAgo(LAUNCH_GRACE_MS + 1, MAX_LAUNCHES) })).settle).toBe('orphaned');
    expect(deriveStatus(facts({ exit: exit({ outcome: 'orphaned', exitCode: null }) })).settle).toBeUndefined();
  });

  it('settles a dead job that was asked to stop as cancelled', () => {
    const cancel = ok({ requestedAt: new Date(NOW).toISOString() });
    expect(deriveStatus(facts({ runner, cancel }))).toMatchObject({ status: 'cancelled', settle: 'cancelled' });
    expect(deriveStatus(facts({ launch: launchedAgo(LAUNCH_GRACE_MS + 1), cancel }))).toMatchObject({ status: 'cancelled', settle: 'cancelled' });
    expect(deriveStatus(facts({ runner, runnerAlive: true, cancel })).status).toBe('running');
  });

  it('counts a job waiting for input as not ended', () => {
    expect(hasEnded('input_required')).toBe(false);
    expect(hasEnded('running')).toBe(false);
    expect(hasEnded('completed')).toBe(true);
  });
});
