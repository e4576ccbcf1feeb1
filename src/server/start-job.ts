// Creating a job from prepared input and starting what the queue allows: the one start path for every tool.
import { z } from 'zod';
import { createJob, inspectJob, JobStatusSchema, placeInLine, type NewJob } from '../jobs/index.js';
import type { ServerContext } from './context.js';

export const StartedJobSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  created: z.boolean().describe('false when a job with this jobId already existed and was returned instead.'),
  workFolder: z.string(),
  model: z.string().optional(),
  createdAt: z.string(),
  queuePosition: z.number().int().optional().describe('Present when the job must wait for a slot: its 1-based place in the queue.'),
  parentJobId: z.string().optional(),
});
export type StartedJob = z.infer<typeof StartedJobSchema>;

// The answer does not wait for a worker: the job is recorded and queued (and so never lost) once createJob returns,
// and a worker is started right after the answer is sent. A server killed in between leaves the job queued for the
// next worker any server starts.
export async function startJob(context: ServerContext, job: NewJob): Promise<StartedJob | string> {
  const root = context.settings.jobDir;
  const outcome = await createJob(root, job);
  if (!outcome.record) return `${outcome.reason}. Choose another jobId, or omit it to get a generated one.`;
  if (!outcome.created && !outcome.samePrompt) {
    return (
      `jobId '${job.jobId}' is already used by a job created at ${outcome.record.createdAt} with another prompt ` +
      `("${outcome.record.promptSummary}"). Choose another jobId, or omit it to get a generated one.`
    );
  }
  setImmediate(context.wakeWorkers);
  const { record } = outcome;
  const status = outcome.created ? 'queued' : (await inspectJob(root, record.jobId)).status;
  const position = status === 'queued' ? placeInLine(root, record.jobId, context.settings.maxParallel) : undefined;
  const started: StartedJob = { jobId: record.jobId, status, created: outcome.created, workFolder: record.workFolder, createdAt: record.createdAt };
  if (record.claude.model) started.model = record.claude.model;
  if (position) started.queuePosition = position;
  if (record.parentJobId) started.parentJobId = record.parentJobId;
  return started;
}
