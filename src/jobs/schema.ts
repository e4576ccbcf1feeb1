// The job's records and statuses, defined once; every type in the project that describes a job comes from here.
import { z } from 'zod';
import { ClaudeOptionsSchema } from '../claude/options.js';
import { WorktreeSpecSchema } from '../worktree/worktree-spec.js';
import { JOB_ID_PATTERN } from './job-id.js';

export { JOB_ID_PATTERN } from './job-id.js';

export const JobIdSchema = z
  .string({ error: 'jobId must be a string' })
  .regex(JOB_ID_PATTERN, {
    error: 'jobId must be 1-64 characters: a letter or digit, then letters, digits, ".", "_" or "-" (no slashes, no "..")',
  });

// A closed set: a job is in exactly one of these; the result of a finished job is kept apart in the exit record.
// input_required: running, and waiting for the caller to answer a permission request (claude_respond).
export const JOB_STATUSES = ['queued', 'running', 'input_required', 'completed', 'failed', 'cancelled', 'timed_out', 'orphaned', 'unknown'] as const;
export const JobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled', 'timed_out', 'orphaned']);

const IsoDate = z.string().datetime();

// A process as we recorded it: the pid plus its start time, so a reused pid is never mistaken for ours.
export const ProcessRefSchema = z.object({
  pid: z.number().int().positive(),
  startTime: z.string().nullable(),
});
export type ProcessRef = z.infer<typeof ProcessRefSchema>;

// Written once by the server when the job is created (job.json).
export const JobRecordSchema = z.object({
  version: z.literal(1),
  jobId: JobIdSchema,
  createdAt: IsoDate,
  queueKey: z.string(),
  workFolder: z.string(),
  claudePath: z.string(),
  promptBytes: z.number().int().nonnegative(),
  promptSummary: z.string(),
  claude: ClaudeOptionsSchema,
  // Enforced by the runner, so it holds with no server running.
  timeoutSeconds: z.number().int().positive().optional(),
  // The job whose claude session this one resumes.
  parentJobId: JobIdSchema.optional(),
  // Batch jobs: where the runner writes the result file, and the task's 1-based place in the batch.
  output: z.object({ directory: z.string(), index: z.number().int().positive() }).optional(),
  // worktree: true: the job runs in a git worktree of its own (src/worktree).
  worktree: WorktreeSpecSchema.optional(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

// Written when the queue hands the job to a launcher (launch.json), and again when a launch whose runner never
// came is given up and the job goes back to the queue.
export const LaunchRecordSchema = z.object({
  launchedAt: IsoDate,
  // How many times the queue has launched the job (absent: once).
  launches: z.number().int().positive().optional(),
  // Set when the job went back to the queue: it is waiting, not launched.
  requeuedAt: IsoDate.optional(),
});
export type LaunchRecord = z.infer<typeof LaunchRecordSchema>;

// Written by claude_cancel before it signals the runner, so whoever records the end knows it was asked for.
export const CancelRequestSchema = z.object({
  requestedAt: IsoDate,
});
export type CancelRequest = z.infer<typeof CancelRequestSchema>;

// Written by the runner: first when it claims the job, again once claude is running (runner.json).
export const RunnerRecordSchema = z.object({
  runner: ProcessRefSchema,
  startedAt: IsoDate,
  claude: ProcessRefSchema.optional(),
});
export type RunnerRecord = z.infer<typeof RunnerRecordSchema>;

// What claude's final stream-json `result` event said.
export const ClaudeResultSchema = z.object({
  subtype: z.string().optional(),
  isError: z.boolean(),
  result: z.string().optional(),
  sessionId: z.string().optional(),
  numTurns: z.number().optional(),
  costUsd: z.number().optional(),
  durationMs: z.number().optional(),
});
export type ClaudeResult = z.infer<typeof ClaudeResultSchema>;

export const EXIT_OUTCOMES = ['exited', 'spawn_failed', 'cancelled', 'timed_out', 'orphaned'] as const;

// Written once, by whoever saw the job end: the runner, or a reader that found the runner dead (exit.json).
export const ExitRecordSchema = z.object({
  outcome: z.enum(EXIT_OUTCOMES),
  endedAt: IsoDate,
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  reason: z.string().optional(),
  result: ClaudeResultSchema.optional(),
});
export type ExitRecord = z.infer<typeof ExitRecordSchema>;
export type ExitOutcome = ExitRecord['outcome'];
