// Derives a job's status from its records and one liveness fact. Pure, so every case is tested as a table.
import type { ReadResult } from './records.js';
import type { CancelRequest, ExitRecord, JobRecord, JobStatus, LaunchRecord, RunnerRecord } from './schema.js';

// How long a launched job may take to show a live runner before we stop waiting for it.
export const LAUNCH_GRACE_MS = 10_000;
// A launch whose runner never came (its launcher died first: a server killed mid-start) goes back to the queue;
// a job whose runner fails to come this many times is given up.
export const MAX_LAUNCHES = 3;

export interface JobFacts {
  record: ReadResult<JobRecord>;
  launch: ReadResult<LaunchRecord>;
  runner: ReadResult<RunnerRecord>;
  exit: ReadResult<ExitRecord>;
  cancel: ReadResult<CancelRequest>;
  runnerAlive: boolean;
  // A permission request of the job waits for the caller's answer (src/permissions).
  waitingForInput?: boolean;
  now: number;
}

export interface DerivedStatus {
  status: JobStatus;
  reason?: string;
  // Set when the job is found dead with no exit record: the reader records the ending so it is said once; or
  // found launched with no runner ever coming: the reader puts it back in the queue.
  settle?: 'orphaned' | 'cancelled' | 'requeue';
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

export function describeExit(exit: Pick<ExitRecord, 'exitCode' | 'signal'>): string {
  if (exit.signal) return `claude was killed by signal ${exit.signal}`;
  return `claude exited with code ${exit.exitCode}`;
}

// A dead job that was asked to stop ended as asked; otherwise nobody saw it end.
function settleDeath(facts: JobFacts, reason: string): DerivedStatus {
  if (facts.cancel.state === 'ok') return { status: 'cancelled', reason: `cancelled (${reason})`, settle: 'cancelled' };
  return { status: 'orphaned', reason, settle: 'orphaned' };
}

export function deriveStatus(facts: JobFacts): DerivedStatus {
  const { record, launch, runner, exit } = facts;
  if (record.state === 'missing') return { status: 'unknown', reason: 'no such job' };
  if (record.state === 'invalid') return { status: 'unknown', reason: record.reason };
  if (exit.state === 'invalid') return { status: 'unknown', reason: exit.reason };
  if (exit.state === 'ok') return statusOfExit(exit.value);
  if (runner.state === 'invalid') return { status: 'unknown', reason: runner.reason };
  if (launch.state === 'invalid') return { status: 'unknown', reason: launch.reason };
  if (runner.state === 'ok') {
    if (facts.runnerAlive) return { status: facts.waitingForInput ? 'input_required' : 'running' };
    return settleDeath(facts, `the runner (pid ${runner.value.runner.pid}) died without recording how claude ended`);
  }
  if (launch.state === 'ok') {
    if (launch.value.requeuedAt) return { status: 'queued', reason: 'its runner never started; waiting to be launched again' };
    const age = facts.now - Date.parse(launch.value.launchedAt);
    if (age < LAUNCH_GRACE_MS) return { status: 'running', reason: 'starting' };
    const launches = launch.value.launches ?? 1;
    const seconds = Math.round(age / 1000);
    const lost = launches > 1 ? `the runner never started in ${launches} launches (the last ${seconds} s ago)` : `the runner never started (launched ${seconds} s ago)`;
    if (facts.cancel.state === 'ok' || launches >= MAX_LAUNCHES) return settleDeath(facts, lost);
    return { status: 'queued', reason: `${lost}; back in the queue`, settle: 'requeue' };
  }
  return { status: 'queued' };
}
