import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../src/jobs/records.js';
import type { ExitRecord, JobRecord, RunnerRecord } from '../../src/jobs/schema.js';
import { deriveStatus, hasEnded, UNFINISHED_CREATION, type JobFacts } from '../../src/jobs/status.js';

const NOW = Date.parse('2026-11-21T12:00:00.000Z');
const ok = <T>(value: T): ReadResult<T> => ({ state: 'ok', value });
const missing = { state: 'missing' } as const;
const invalid = (reason: string) => ({ state: 'invalid', reason }) as const;

const record = ok({ jobId: 'j' } as JobRecord);
const claim: RunnerRecord = { runner: { pid: 42, startTime: '1' }, startedAt: new Date(NOW).toISOString() };
const claimed = ok(claim);
const runner = ok<RunnerRecord>({ ...claim, claude: { pid: 43, startTime: '2' } });
const cancel = ok({ requestedAt: new Date(NOW).toISOString() });
const exit = (fields: Partial<ExitRecord>) =>
  ok<ExitRecord>({ outcome: 'exited', endedAt: new Date(NOW).toISOString(), exitCode: 0, signal: null, ...fields });

function facts(overrides: Partial<JobFacts>): JobFacts {
  return { record, queued: false, runner: missing, runnerAlive: false, exit: missing, cancel: missing, ...overrides };
}

describe('deriveStatus: four facts (queue entry, live claim, exit, cancel request) and the record', () => {
  it.each<[string, Partial<JobFacts>, string, string | undefined]>([
    ['no record', { record: missing }, 'unknown', 'no such job'],
    ['torn record', { record: invalid('job.json is empty') }, 'unknown', 'job.json is empty'],
    ['queued', { queued: true }, 'queued', undefined],
    ['record but never queued', {}, 'unknown', UNFINISHED_CREATION],
    ['claimed, claude not started yet', { queued: true, runner: claimed, runnerAlive: true }, 'running', 'starting'],
    ['claude running', { runner, runnerAlive: true }, 'running', undefined],
    ['running, asked to stop', { runner, runnerAlive: true, cancel }, 'running', 'stopping: a cancel was requested'],
    ['worker died after starting claude', { runner }, 'orphaned', 'the worker (pid 42) died without recording how claude ended'],
    ['worker died before starting claude', { runner: claimed }, 'orphaned', 'the worker (pid 42) died before starting claude'],
    ['worker died, a cancel asked for', { runner, cancel }, 'cancelled', 'cancelled (the worker (pid 42) died without recording how claude ended)'],
    ['queued, a cancel asked for', { queued: true, cancel }, 'cancelled', 'cancelled while queued; it never started'],
    ['a permission request waits', { runner, runnerAlive: true, waitingForInput: true }, 'input_required', undefined],
    ['ended while a permission request waited', { runner, runnerAlive: true, waitingForInput: true, exit: exit({}) }, 'completed', undefined],
    ['exit 0', { runner, exit: exit({}) }, 'completed', undefined],
    ['exit 0 even if the worker lives on', { runner, runnerAlive: true, exit: exit({}) }, 'completed', undefined],
    ['exit beats a queue entry and a cancel request', { queued: true, cancel, exit: exit({}) }, 'completed', undefined],
    ['exit 2', { exit: exit({ exitCode: 2 }) }, 'failed', 'claude exited with code 2'],
    ['exit 2 with a reason', { exit: exit({ exitCode: 2, reason: 'API Error: 500' }) }, 'failed', 'API Error: 500'],
    ['killed by a signal', { exit: exit({ exitCode: null, signal: 'SIGKILL' }) }, 'failed', 'claude was killed by signal SIGKILL'],
    ['could not spawn', { exit: exit({ outcome: 'spawn_failed', exitCode: null, reason: 'ENOENT' }) }, 'failed', 'ENOENT'],
    ['cancelled', { exit: exit({ outcome: 'cancelled', exitCode: null, reason: 'cancelled on request' }) }, 'cancelled', 'cancelled on request'],
    ['timed out', { exit: exit({ outcome: 'timed_out', exitCode: null }) }, 'timed_out', undefined],
    ['recorded orphan', { exit: exit({ outcome: 'orphaned', exitCode: null, reason: 'worker died' }) }, 'orphaned', 'worker died'],
    ['garbage exit record', { runner, runnerAlive: true, exit: invalid('exit.json is not valid JSON') }, 'unknown', 'exit.json is not valid JSON'],
    ['garbage claim', { runner: invalid('runner.json is empty') }, 'unknown', 'runner.json is empty'],
  ])('%s -> %s', (_, overrides, status, reason) => {
    const derived = deriveStatus(facts(overrides));
    expect(derived.status).toBe(status);
    expect(derived.reason).toBe(reason);
  });

  it('counts a job waiting for input as not ended', () => {
    expect(hasEnded('input_required')).toBe(false);
    expect(hasEnded('running')).toBe(false);
    expect(hasEnded('completed')).toBe(true);
  });
});
