// A job seen as a task of the tasks extension: the job store is the task store, so any server process answers for
// any task (taskId = jobId). Pure: records and the job's answer in, the task out.
import type { JobSnapshot } from '../../jobs/index.js';
import type { JobAnswer } from '../answers/job-answer.js';
import { toAnswerResult } from '../answers/render-answer.js';

export type TaskStatus = 'working' | 'input_required' | 'completed' | 'cancelled' | 'failed';

export type JobTask = {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number | null;
  pollIntervalMs: number;
  result?: Record<string, unknown>;
  inputRequests?: Record<string, unknown>;
};

// Jobs take minutes: a host checks often while a job is young (short jobs end soon), then every ten seconds.
const YOUNG_MS = 60_000;
const POLL_YOUNG_MS = 3_000;
const POLL_MS = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;
// Statuses whose final answer is a failure to the caller, though the task itself completed.
const FAILURES = new Set(['failed', 'timed_out', 'orphaned']);

export interface TaskFacts {
  snapshot: JobSnapshot;
  answer: JobAnswer;
  // When the job last wrote anything (its output's mtime), for lastUpdatedAt while it works.
  lastOutputAt?: number;
  retentionDays: number;
  now: number;
  // The permission requests the job waits on its caller for, as elicitation forms (see permission-input.ts).
  inputRequests?: Record<string, unknown>;
}

export function toJobTask({ snapshot, answer, lastOutputAt, retentionDays, now, inputRequests }: TaskFacts): JobTask {
  const createdAt = snapshot.record?.createdAt ?? new Date(now).toISOString();
  const ended = snapshot.exit?.endedAt;
  const created = Date.parse(createdAt);
  const updated = ended ?? new Date(Math.max(created, lastOutputAt ?? 0, snapshot.runner ? Date.parse(snapshot.runner.startedAt) : 0)).toISOString();
  const base = {
    taskId: snapshot.jobId,
    createdAt,
    lastUpdatedAt: updated,
    // Finished jobs are removed retentionDays after they end; a job still going lives at least that long from now.
    ttlMs: retentionDays === 0 ? null : (ended ? Date.parse(ended) : now) + retentionDays * DAY_MS - created,
    pollIntervalMs: now - created < YOUNG_MS ? POLL_YOUNG_MS : POLL_MS,
  };
  switch (snapshot.status) {
    case 'queued':
    case 'running':
      return { ...base, status: 'working', statusMessage: describeProgress(answer) };
    case 'input_required':
      // The job's permission requests, for tasks/update to answer; a request answered a moment ago leaves none.
      if (inputRequests && Object.keys(inputRequests).length > 0) return { ...base, status: 'input_required', statusMessage: 'waiting for its caller', inputRequests };
      return { ...base, status: 'working', statusMessage: describeProgress(answer) };
    case 'cancelled':
      return { ...base, status: 'cancelled', ...(answer.reason ? { statusMessage: answer.reason } : {}) };
    case 'completed':
    case 'failed':
    case 'timed_out':
    case 'orphaned':
      return { ...base, status: 'completed', result: { ...toAnswerResult(answer), ...(FAILURES.has(snapshot.status) ? { isError: true } : {}) } };
    case 'unknown':
      throw new Error(`job ${snapshot.jobId} is unknown; unknown ids are refused before this`);
  }
}

// "running 2m 05s · 4 turns · Bash: npm test", "queued #3", "running 40s · API retry 3/10: overloaded (529)".
export function describeProgress(answer: JobAnswer): string {
  if (answer.status === 'input_required') {
    const asks = (answer.inputRequests ?? []).map((request) => `${request.tool} (claude_respond requestId ${request.requestId})`);
    return `waiting for your answer: ${asks.join(', ') || 'see claude_check'}`;
  }
  const parts = [
    answer.status === 'queued' ? `queued${answer.queuePosition ? ` #${answer.queuePosition}` : ''}` : `running${answer.elapsed ? ` ${answer.elapsed}` : ''}`,
    answer.turns ? `${answer.turns} turn${answer.turns === 1 ? '' : 's'}` : undefined,
    answer.trouble ?? answer.tools?.at(-1),
  ];
  return parts.filter(Boolean).join(' · ');
}
