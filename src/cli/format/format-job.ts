// The header of `show`: what a person asks about one job, one fact per line.
import { describeToolCall } from '../../claude/activity.js';
import { hasEnded, type JobView } from '../../jobs/index.js';
import type { Colors } from '../pick-colors.js';
import { measureRun } from './format-jobs.js';
import { formatAge, formatCost, formatLocalTime } from './format-units.js';
import { paintStatus } from './paint-status.js';
import { describeApiRetry } from './render-transcript.js';
import { tidyPath } from './tidy-path.js';

export function formatJob(view: JobView, colors: Colors, now: number): string[] {
  const facts: Array<[string, string | undefined]> = [
    ['job', view.jobId],
    ['status', paintStatus(view.status, colors)(describeStatus(view))],
    ['reason', view.reason],
    ['trouble', view.activity.retry && !hasEnded(view.status) ? describeApiRetry(view.activity.retry) : undefined],
    ['prompt', view.promptSummary],
    ['folder', view.workFolder && tidyPath(view.workFolder)],
    ['model', view.model],
    ['resumes', view.parentJobId],
    ['timeout', view.timeoutSeconds === undefined ? undefined : `${view.timeoutSeconds} s`],
    ['created', view.createdAt && `${formatLocalTime(view.createdAt)} (${formatAge(now - Date.parse(view.createdAt))} ago)`],
    ['ran', view.startedAt && `${measureRun(view, now)}${view.endedAt ? '' : ' so far'}`],
    ['turns', view.result?.numTurns?.toString()],
    ['cost', view.costUsd === undefined ? undefined : formatCost(view.costUsd)],
    ['changed', view.activity.filesChanged.map((file) => tidyPath(file)).join(', ')],
    ['session', view.sessionId],
    ['pids', view.runnerPid === undefined ? undefined : `runner ${view.runnerPid}${view.pid === undefined ? '' : `, claude ${view.pid}`}`],
    ['files', view.files && tidyPath(view.files.dir)],
    ['worktree', view.worktree && describeWorktree(view.worktree)],
    ...(view.inputRequests ?? []).map((request): [string, string] => [
      'waits',
      `${request.requestId}: ${describeToolCall(request.tool, request.input)} (answer: claude-async respond ${view.jobId} ${request.requestId} allow|deny)`,
    ]),
  ];
  return facts.filter((fact): fact is [string, string] => Boolean(fact[1])).map(([label, value]) => `${colors.bold(label.padEnd(8))} ${value}`);
}

function describeStatus(view: JobView): string {
  if (view.status === 'queued' && view.queuePosition !== undefined) return `queued (#${view.queuePosition} in the queue)`;
  if (view.exitCode !== undefined && view.exitCode !== null) return `${view.status} (exit ${view.exitCode})`;
  if (view.signal) return `${view.status} (signal ${view.signal})`;
  return view.status;
}

function describeWorktree(worktree: NonNullable<JobView['worktree']>): string {
  const where = `${tidyPath(worktree.path)}${worktree.exists ? '' : ' (removed)'} on ${worktree.branch}`;
  const files = worktree.changedFilesTotal ?? worktree.changedFiles.length;
  return `${where}: ${worktree.commits} commit(s), ${files} file(s) changed, ${worktree.uncommitted} uncommitted`;
}
