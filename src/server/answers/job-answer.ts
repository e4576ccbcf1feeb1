// What a model gets back about one job: a few hundred bytes of facts while it runs (status, time, turns, the last
// tool calls, files changed, what claude last said, trouble), and claude's own answer plus a line of facts once it
// ended. Each fact once, paths relative to the work folder, money rounded. Read from files only.
import { z } from 'zod';
import { emptyActivity, type Activity } from '../../claude/activity.js';
import { relativeTo } from '../../claude/transcript.js';
import { describeApiRetry } from '../../cli/format/render-transcript.js';
import { hasEnded, inspectJob, JobStatusSchema, queuePosition, type JobSnapshot } from '../../jobs/index.js';
import { jobPaths } from '../../jobs/layout.js';
import { describePendingRequests, InputRequestSchema, type InputRequest } from '../../permissions/describe-requests.js';
import { describeWorktree, placeWorktree, worktreeCwd, WorktreeViewSchema, type WorktreeView } from '../../worktree/index.js';
import { shortenLine } from '../../shorten-line.js';
import type { ServerContext } from '../context.js';
import { fitToBudget, type Trim } from './fit-to-budget.js';

// What a model pays for one look at a running job, and for the facts beside claude's answer at the end.
export const RUNNING_BUDGET = 400;
export const FINAL_FACTS_BUDGET = 600;
// claude's answer is given whole up to this many characters; `output: "result"` pages through a longer one.
export const RESULT_CHARS = 4000;
const RECENT_TOOLS = 3;
const SAID_CHARS = 160;

export const JobAnswerSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  reason: z.string().optional().describe('Why it is in this status (failures, cancels, orphaned, unknown).'),
  queuePosition: z.number().int().optional().describe('1-based place in the queue while queued.'),
  elapsed: z.string().optional().describe('How long it has run (running) or ran (ended), e.g. "2m 05s".'),
  turns: z.number().int().optional().describe('claude\'s turns so far.'),
  tools: z.array(z.string()).optional().describe('While running: its last tool calls, e.g. "Bash: npm test".'),
  files: z.array(z.string()).optional().describe('Files it wrote or edited, relative to the work folder.'),
  costUsd: z.number().optional().describe('What it cost in US dollars, rounded; claude reports it when it ends.'),
  said: z.string().optional().describe('While running: the last thing claude said, shortened.'),
  trouble: z.string().optional().describe('Something holding it up, e.g. claude retrying the API.'),
  inputRequests: z.array(InputRequestSchema).optional().describe('input_required: what claude asks you; answer each with claude_respond.'),
  worktree: WorktreeViewSchema.optional().describe('Worktree jobs: where the work is (path, branch, commits, changed files).'),
  result: z.string().optional().describe('Once ended: claude\'s final answer (its first 4000 characters).'),
  resultChars: z.number().int().optional().describe('The answer\'s full length, present when result was cut.'),
  sessionId: z.string().optional().describe('Once ended: the claude session, for resumeJobId or sessionId.'),
  exitCode: z.number().int().nullable().optional().describe('claude\'s exit code when it was not 0.'),
  outputError: z.string().optional().describe('Batch jobs: why the result file could not be written to the outputDirectory.'),
  output: z.string().optional().describe('What the output parameter asked for.'),
  nextOffset: z.number().int().optional().describe('With output raw or result: the sinceOffset that reads on.'),
  next: z.string().optional().describe('The cheapest useful next call.'),
});
export type JobAnswer = z.infer<typeof JobAnswerSchema>;

export function roundUsd(usd: number): number {
  return usd >= 1 ? Math.round(usd * 100) / 100 : Number(usd.toPrecision(2));
}

// "45s", "2m 05s", "1h 03m".
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

// Sets the fields that have a value, in the order given: the order a model reads them in.
function withDefined(answer: JobAnswer, fields: Partial<JobAnswer>): JobAnswer {
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && !(Array.isArray(value) && value.length === 0)) Object.assign(answer, { [key]: value });
  return answer;
}

// What the answer needs beyond the records: the activity, the queue, and for some jobs their worktree and requests.
export interface JobExtras {
  activity: Activity;
  position?: number;
  // The folder claude works in (a worktree job's is inside its worktree); paths are given relative to it.
  cwd?: string;
  worktree?: WorktreeView;
  inputRequests?: InputRequest[];
}

export async function answerJob(context: ServerContext, jobId: string): Promise<{ answer: JobAnswer; snapshot: JobSnapshot }> {
  const root = context.settings.jobDir;
  const snapshot = await inspectJob(root, jobId);
  const { record, status } = snapshot;
  const spec = record?.worktree;
  const place = spec ? placeWorktree(root, jobId, spec) : undefined;
  const extras: JobExtras = {
    activity: record && (snapshot.runner || snapshot.exit) ? await context.activity.read(root, jobId, record.createdAt) : emptyActivity(),
    position: status === 'queued' ? await queuePosition(root, jobId) : undefined,
    cwd: place && spec ? worktreeCwd(place, spec) : record?.workFolder,
    worktree: place && spec ? await describeWorktree(place, spec) : undefined,
    inputRequests: status === 'input_required' ? await describePendingRequests(jobPaths(root, jobId).dir) : undefined,
  };
  return { answer: describeJob(snapshot, extras, Date.now()), snapshot };
}

// Pure: the answer for a job's records and what was read beside them, at a moment.
export function describeJob(snapshot: JobSnapshot, extras: JobExtras, now: number): JobAnswer {
  const { jobId, status, runner, exit } = snapshot;
  const { activity, position, cwd } = extras;
  const answer: JobAnswer = { jobId, status };
  if (status === 'unknown') return withDefined(answer, { reason: snapshot.reason, next: 'claude_jobs lists the jobs.' });
  // A worktree job's changed files are in its worktree's view, from git itself.
  const files = extras.worktree ? [] : activity.filesChanged.map((file) => relativeTo(cwd, file));
  // Tool lines name their targets as claude gave them, usually absolute paths under the folder it works in.
  const tools = activity.recentTools.slice(-RECENT_TOOLS).map((line) => (cwd ? line.replaceAll(`${cwd}/`, '') : line));
  if (!hasEnded(status)) {
    const running = withDefined(answer, {
      reason: snapshot.reason,
      queuePosition: position,
      elapsed: runner ? formatElapsed(now - Date.parse(runner.startedAt)) : undefined,
      turns: runner ? activity.turns : undefined,
      tools,
      files,
      said: activity.lastText === undefined ? undefined : shortenLine(activity.lastText, SAID_CHARS),
      trouble: activity.retry ? describeApiRetry(activity.retry) : undefined,
      next: status === 'input_required' ? 'Answer each request with claude_respond.' : 'claude_check with waitSeconds 50 waits for the end; jobs take minutes.',
    });
    // What claude asks and where the work is are given whole: the budget is for the rest.
    return withDefined(fitToBudget(running, RUNNING_BUDGET, RUNNING_TRIMS), { worktree: extras.worktree, inputRequests: extras.inputRequests });
  }
  const result = exit?.result;
  const text = result?.result?.trim();
  const reason = snapshot.reason;
  // A failure's reason already quotes claude's error text: say it once.
  const saysResult = text !== undefined && !(reason && reason.includes(text.slice(0, 200)));
  const facts = withDefined(answer, {
    reason,
    elapsed: runner && exit ? formatElapsed(Date.parse(exit.endedAt) - Date.parse(runner.startedAt)) : undefined,
    turns: result?.numTurns ?? (activity.turns || undefined),
    files,
    costUsd: result?.costUsd === undefined ? undefined : roundUsd(result.costUsd),
    sessionId: result?.sessionId,
    exitCode: exit && exit.exitCode !== 0 && status !== 'cancelled' ? exit.exitCode : undefined,
    outputError: exit?.outputError,
  });
  const fitted = withDefined(fitToBudget(facts, FINAL_FACTS_BUDGET, FINAL_TRIMS), { worktree: extras.worktree });
  if (!saysResult || text === undefined) return fitted;
  return { ...fitted, result: text.slice(0, RESULT_CHARS), ...(text.length > RESULT_CHARS ? { resultChars: text.length, next: `claude_check output "result" sinceOffset ${RESULT_CHARS} reads on.` } : {}) };
}

const shortenSaid: Trim<JobAnswer> = (a) => (a.said && a.said.length > 40 ? { ...a, said: shortenLine(a.said, Math.floor(a.said.length / 2)) } : undefined);
const dropOldestTool: Trim<JobAnswer> = (a) => (a.tools && a.tools.length > 1 ? { ...a, tools: a.tools.slice(1) } : undefined);
const shortenTools: Trim<JobAnswer> = (a) => (a.tools?.some((t) => t.length > 30) ? { ...a, tools: a.tools.map((t) => shortenLine(t, 30)) } : undefined);
const dropNext: Trim<JobAnswer> = (a) => (a.next ? withoutKey(a, 'next') : undefined);
const shortenReason: Trim<JobAnswer> = (a) => (a.reason && a.reason.length > 80 ? { ...a, reason: shortenLine(a.reason, Math.floor(a.reason.length / 2)) } : undefined);
const dropSaid: Trim<JobAnswer> = (a) => (a.said ? withoutKey(a, 'said') : undefined);

// Keeps the files most recently changed and says how many more there were.
const dropFile: Trim<JobAnswer> = (a) => {
  if (!a.files || a.files.length <= 1) return undefined;
  const last = a.files.at(-1)!;
  const more = /^\+(\d+) more$/.exec(last);
  const count = more ? Number(more[1]) + 1 : 1;
  const kept = (more ? a.files.slice(0, -1) : a.files).slice(1);
  return kept.length === 0 ? undefined : { ...a, files: [...kept, `+${count} more`] };
};
const shortenFiles: Trim<JobAnswer> = (a) => (a.files?.some((f) => f.length > 40) ? { ...a, files: a.files.map((f) => (f.length > 40 ? `…${f.slice(-39)}` : f)) } : undefined);

const RUNNING_TRIMS = [shortenSaid, dropOldestTool, shortenFiles, dropFile, shortenTools, shortenReason, dropNext, dropSaid];
const FINAL_TRIMS = [shortenFiles, dropFile, shortenReason];

function withoutKey(answer: JobAnswer, key: keyof JobAnswer): JobAnswer {
  const copy = { ...answer };
  delete copy[key];
  return copy;
}
