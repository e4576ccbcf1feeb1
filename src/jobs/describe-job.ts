// Everything a caller may want to know about one job, read from files only.
import { ActivitySchema } from '../claude/activity.js';
import { findSessionId } from '../claude/stream-json.js';
import type { ActivityCache } from './activity-cache.js';
import { z } from 'zod';
import { inspectJob, type JobSnapshot } from './inspect-job.js';
import { jobPaths } from './layout.js';
import { readFrom, readTail } from './logs.js';
import { queuePosition } from './queue.js';
import { ClaudeResultSchema, JobStatusSchema } from './schema.js';
import { hasEnded } from './status.js';
import { describePendingRequests, InputRequestSchema } from '../permissions/describe-requests.js';
import { describeWorktree, placeWorktree, WorktreeViewSchema } from '../worktree/index.js';

const HEAD_BYTES = 16 * 1024;

export const JobSummarySchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  reason: z.string().optional().describe('Why the job is in this status, when there is more to say (failures, orphaning, unknown).'),
  promptSummary: z.string().optional().describe('The first line of the prompt, shortened.'),
  workFolder: z.string().optional(),
  model: z.string().optional(),
  createdAt: z.string().optional(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  exitCode: z.number().int().nullable().optional().describe('claude\'s exit code once it ended; null when it was killed by a signal or never started.'),
  costUsd: z.number().optional().describe('Total cost claude reported, in US dollars.'),
  queuePosition: z.number().int().optional().describe('1-based place in the queue while the job is queued.'),
  parentJobId: z.string().optional().describe('The job whose session this one resumed.'),
  timeoutSeconds: z.number().int().optional(),
  outputError: z.string().optional().describe('Batch jobs: why the result file could not be written to the outputDirectory.'),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const JobViewSchema = JobSummarySchema.extend({
  signal: z.string().nullable().optional(),
  sessionId: z.string().optional().describe('Claude session id, known once claude has started; use it to resume.'),
  result: ClaudeResultSchema.optional().describe('claude\'s final result event: the answer text, session, turns, cost.'),
  activity: ActivitySchema,
  stdoutTail: z.string().describe('The end of claude\'s stream-json output; with sinceOffset, the output from that offset on.'),
  nextOffset: z.number().int().describe('Pass as sinceOffset next time to get only newer output.'),
  stderrTail: z.string(),
  stdoutBytes: z.number().int(),
  stderrBytes: z.number().int(),
  runnerPid: z.number().int().optional(),
  pid: z.number().int().optional().describe('claude\'s pid (its process group id too).'),
  files: z.object({ dir: z.string(), stdout: z.string(), stderr: z.string() }).optional(),
  worktree: WorktreeViewSchema.optional().describe('worktree jobs: where the work is (path, branch, commits, changed files).'),
  inputRequests: z.array(InputRequestSchema).optional().describe('status input_required: the permission requests waiting for claude_respond.'),
});
export type JobView = z.infer<typeof JobViewSchema>;

export async function summarizeJob(root: string, snapshot: JobSnapshot): Promise<JobSummary> {
  const { record, runner, exit } = snapshot;
  const summary: JobSummary = { jobId: snapshot.jobId, status: snapshot.status };
  const optional: Partial<JobSummary> = {
    reason: snapshot.reason,
    promptSummary: record?.promptSummary,
    workFolder: record?.workFolder,
    model: record?.claude.model,
    createdAt: record?.createdAt,
    startedAt: runner?.startedAt,
    endedAt: exit?.endedAt,
    exitCode: exit ? exit.exitCode : undefined,
    costUsd: exit?.result?.costUsd,
    queuePosition: snapshot.status === 'queued' ? await queuePosition(root, snapshot.jobId) : undefined,
    parentJobId: record?.parentJobId,
    timeoutSeconds: record?.timeoutSeconds,
    outputError: exit?.outputError,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(summary, { [key]: value });
  return summary;
}

export interface DescribeOptions {
  tailBytes: number;
  // Return stdout from this byte offset on instead of its tail.
  sinceOffset?: number;
  activity: ActivityCache;
}

export async function describeJob(root: string, jobId: string, options: DescribeOptions): Promise<JobView> {
  const snapshot = await inspectJob(root, jobId);
  const paths = jobPaths(root, jobId);
  const { tailBytes, sinceOffset } = options;
  const [summary, stdout, stderr, activity] = await Promise.all([
    summarizeJob(root, snapshot),
    // A log that is final is read to its last byte, a cut-off character included.
    sinceOffset === undefined ? readTail(paths.stdout, tailBytes) : readFrom(paths.stdout, sinceOffset, tailBytes, hasEnded(snapshot.status)),
    readTail(paths.stderr, tailBytes),
    options.activity.read(root, jobId, snapshot.record?.createdAt),
  ]);
  const view: JobView = {
    ...summary,
    activity,
    stdoutTail: stdout.text,
    nextOffset: stdout.nextOffset,
    stderrTail: stderr.text,
    stdoutBytes: stdout.size,
    stderrBytes: stderr.size,
  };
  const { exit, runner } = snapshot;
  if (exit) view.signal = exit.signal;
  if (exit?.result) view.result = exit.result;
  // The init event opens the stream, so the session id is known long before the result.
  const sessionId = exit?.result?.sessionId ?? (stdout.size > 0 ? findSessionId((await readFrom(paths.stdout, 0, HEAD_BYTES)).text) : undefined);
  if (sessionId) view.sessionId = sessionId;
  if (runner) view.runnerPid = runner.runner.pid;
  if (runner?.claude) view.pid = runner.claude.pid;
  if (snapshot.record) view.files = { dir: paths.dir, stdout: paths.stdout, stderr: paths.stderr };
  const spec = snapshot.record?.worktree;
  if (spec) view.worktree = await describeWorktree(placeWorktree(root, jobId, spec), spec);
  if (snapshot.status === 'input_required') view.inputRequests = await describePendingRequests(paths.dir);
  return view;
}
