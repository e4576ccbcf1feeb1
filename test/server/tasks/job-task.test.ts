// A job's status as a task status, each case: pure, from records and the job's answer.
import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../../src/jobs/index.js';
import type { JobAnswer } from '../../../src/server/answers/job-answer.js';
import { describeProgress, toJobTask } from '../../../src/server/tasks/job-task.js';

const CREATED = '2026-11-30T01:00:00.000Z';
const record = { createdAt: CREATED } as JobSnapshot['record'];
const exit = { outcome: 'exited', endedAt: '2026-11-30T01:05:00.000Z', exitCode: 1, signal: null } as JobSnapshot['exit'];
const at = (minutes: number) => Date.parse(CREATED) + minutes * 60_000;

function taskOf(status: JobSnapshot['status'], answer: Partial<JobAnswer> = {}, extra: Partial<Parameters<typeof toJobTask>[0]> = {}) {
  const snapshot = { jobId: 'j1', status, record, ...(['queued', 'running', 'input_required'].includes(status) ? {} : { exit }) } as JobSnapshot;
  return toJobTask({ snapshot, answer: { jobId: 'j1', status, ...answer }, retentionDays: 1, now: at(10), ...extra });
}

describe('toJobTask', () => {
  it.each<[JobSnapshot['status'], string, boolean | undefined]>([
    ['completed', 'completed', undefined],
    ['failed', 'completed', true],
    ['timed_out', 'completed', true],
    ['orphaned', 'completed', true],
  ])('a %s job is a %s task (isError %s) carrying its answer', (status, taskStatus, isError) => {
    const task = taskOf(status, { result: 'r' });
    expect(task).toMatchObject({ taskId: 'j1', status: taskStatus, createdAt: CREATED, lastUpdatedAt: exit!.endedAt, ttlMs: 24 * 3600_000 + 5 * 60_000 });
    expect(task.result?.isError).toBe(isError);
    expect(task.result?.structuredContent).toMatchObject({ jobId: 'j1', status, result: 'r' });
  });

  it('a cancelled job is a cancelled task saying why', () => {
    expect(taskOf('cancelled', { reason: 'cancelled on request' })).toMatchObject({ status: 'cancelled', statusMessage: 'cancelled on request' });
  });

  it('a running job is working with one line of progress, and input_required when its caller is asked something', () => {
    expect(taskOf('running', { elapsed: '2m 05s', turns: 4, tools: ['Read a', 'Bash: npm test'] })).toMatchObject({ status: 'working', statusMessage: 'running 2m 05s · 4 turns · Bash: npm test', pollIntervalMs: 10_000 });
    // A job waiting on its caller: input_required when the approvals hook turns its requests into the host's; else
    // still working, its message naming what to answer with claude_respond.
    const requests = [{ requestId: 'r1', kind: 'permission' as const, tool: 'Bash', input: { command: 'npm test' }, askedAt: CREATED, timeoutAt: CREATED }];
    const asking = taskOf('input_required', { inputRequests: requests }, { inputRequests: { r1: { method: 'elicitation/create', params: {} } } });
    expect(asking).toMatchObject({ status: 'input_required', inputRequests: { r1: { method: 'elicitation/create' } } });
    expect(taskOf('input_required', { inputRequests: requests })).toMatchObject({ status: 'working', statusMessage: 'waiting for your answer: Bash (claude_respond requestId r1)' });
  });

  it('polls often while a job is young, and keeps tasks forever when retention is off', () => {
    expect(taskOf('queued', {}, { now: at(0.5) })).toMatchObject({ pollIntervalMs: 3_000, ttlMs: 24 * 3600_000 + 30_000 });
    expect(taskOf('completed', {}, { retentionDays: 0 }).ttlMs).toBeNull();
  });
});

describe('describeProgress', () => {
  it.each<[Partial<JobAnswer>, string]>([
    [{ status: 'queued', queuePosition: 3 }, 'queued #3'],
    [{ status: 'running' }, 'running'],
    [{ status: 'running', elapsed: '40s', turns: 1, tools: ['Read a'], trouble: 'API retry 3/10: overloaded (529)' }, 'running 40s · 1 turn · API retry 3/10: overloaded (529)'],
  ])('%j reads %s', (answer, line) => {
    expect(describeProgress({ jobId: 'j', ...answer } as JobAnswer)).toBe(line);
  });
});
