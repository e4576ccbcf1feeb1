// Derives a job's status from four facts (its queue entry, its claim and whether the claiming worker lives, its exit
// record, a cancel request) and its record. Pure, so every case is tested as a table; readers write nothing.
import type { ReadResult } from './records.js';
import type { CancelRequest, ExitRecord, JobRecord, JobStatus, RunnerRecord } from './schema.js';

export interface JobFacts {
  record: ReadResult<JobRecord>;
  queued: boolean;
  runner: ReadResult<RunnerRecord>;
  runnerAlive: boolean;
  exit: ReadResult<ExitRecord>;
  cancel: ReadResult<CancelRequest>;
  // A permission request of the job waits for the caller's answer (src/permissions).
  waitingForInput?: boolean;
}

// A job with a record that was never queued: its creator is still at it, or died before answering for it.
export const UNFINISHED_CREATION = 'the job is neither queued nor claimed: it is being created, or its creation did not finish';

export interface DerivedStatus {
  status: JobStatus;
  reason?: string;
}

function statusOfExit(exit: ExitRecord): DerivedStatus {
  switch (exit.outcome) {
    case 'exited':
      if (exit.exitCode === 0) return { status: 'completed' };
      return { status: 'failed', reason: exit.reason ?? describeExit(exit) };
    case 'spawn_failed':
      return { status: 'failed', reason: exit.reason ?? 'claude could not be started' };
    case 'cancelled':
    case 'timed_out':
    case 'orphaned':
      return { status: exit.outcome, ...(exit.reason ? { reason: exit.reason } : {}) };
  }
}

// A job that will not change any more: finished, or gone (unknown). The set of statuses is closed, so this is
// everything but waiting, running and waiting for input.
export function hasEnded(status: JobStatus): boolean {
  return status !== 'queued' && status !== 'running' && status !== 'input_required';
}

// The end of a job claude never ran for, or whose waiting was cut short: no exit code, no signal, a reason.
export function endedWithout(outcome: ExitRecord['outcome'], reason: string): ExitRecord {
  return { outcome, endedAt: new Date().toISOString(), exitCode: null, signal: null, reason };
}

// The reason of a job cancelled before any worker started it.
export const NEVER_STARTED = 'cancelled while queued; it never started';

export function describeExit(exit: Pick<ExitRecord, 'exitCode' | 'signal'>): string {
  if (exit.signal) return `claude was killed by signal ${exit.signal}`;
  return `claude exited with code ${exit.exitCode}`;
}

// How a job ended whose worker died before recording it: read here, and recorded by the next worker's pass.
export function endOfDeadClaim(runner: Pick<RunnerRecord, 'runner' | 'claude'>, cancelRequested: boolean): { outcome: 'orphaned' | 'cancelled'; reason: string } {
  const worker = `the worker (pid ${runner.runner.pid})`;
  const reason = runner.claude ? `${worker} died without recording how claude ended` : `${worker} died before starting claude`;
  return cancelRequested ? { outcome: 'cancelled', reason: `cancelled (${reason})` } : { outcome: 'orphaned', reason };
}

export function deriveStatus(facts: JobFacts): DerivedStatus {
  const { record, runner, exit, cancel } = facts;
  if (record.state === 'missing') return { status: 'unknown', reason: 'no such job' };
  if (record.state === 'invalid') return { status: 'unknown', reason: record.reason };
  if (exit.state === 'invalid') return { status: 'unknown', reason: exit.reason };
  if (exit.state === 'ok') return statusOfExit(exit.value);
  if (runner.state === 'invalid') return { status: 'unknown', reason: runner.reason };
  const cancelled = cancel.state === 'ok';
  if (runner.state === 'ok') {
    if (facts.runnerAlive) {
      if (cancelled) return { status: 'running', reason: 'stopping: a cancel was requested' };
      if (facts.waitingForInput) return { status: 'input_required' };
      return runner.value.claude ? { status: 'running' } : { status: 'running', reason: 'starting' };
    }
    const { outcome, reason } = endOfDeadClaim(runner.value, cancelled);
    return { status: outcome, reason };
  }
  // Nobody claimed it: a worker that claims it now finds the request and never starts it.
  if (cancelled) return { status: 'cancelled', reason: NEVER_STARTED };
  if (facts.queued) return { status: 'queued' };
  return { status: 'unknown', reason: UNFINISHED_CREATION };
}
