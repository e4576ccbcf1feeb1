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
  // The creating server's log cap in bytes (0: none), so the job keeps it whichever worker runs it.
  maxLogBytes: z.number().int().nonnegative().optional(),
  // worktree: true: the job runs in a git worktree of its own (src/worktree).
  worktree: WorktreeSpecSchema.optional(),
  // askPermissions: how long a permission request waits for its answer (the creating server's setting).
  permissionTimeoutSeconds: z.number().int().positive().optional(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

// Written by a cancel before anything else (cancel.json): a worker that claims the job afterwards never starts it,
// and the worker running it stops claude when it sees the request.
export const CancelRequestSchema = z.object({
  requestedAt: IsoDate,
});
export type CancelRequest = z.infer<typeof CancelRequestSchema>;

// The claim on a job (runner.json): written once, exclusively, by the worker that takes it from the queue, and
// again by that worker once claude is running. A job runs only under its claim.
export const RunnerRecordSchema = z.object({
  runner: ProcessRefSchema,
  startedAt: IsoDate,
  claude: ProcessRefSchema.optional(),
  // The job's own cgroup (Linux), where one could be made: it holds every process claude starts.
  cgroup: z.string().optional(),
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

// Written once (exit.json): by the worker that ran the job, by a cancel of a job nobody claimed, or by a worker's
// pass that found a claim whose worker died.
export const ExitRecordSchema = z.object({
  outcome: z.enum(EXIT_OUTCOMES),
  endedAt: IsoDate,
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  reason: z.string().optional(),
  result: ClaudeResultSchema.optional(),
  // Batch jobs: why the result file could not be written to the outputDirectory.
  outputError: z.string().optional(),
});
export type ExitRecord = z.infer<typeof ExitRecordSchema>;
export type ExitOutcome = ExitRecord['outcome'];
