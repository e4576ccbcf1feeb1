// Creating a job from prepared input and starting what the queue allows: the one start path for every tool.
import { z } from 'zod';
import { createJob, inspectJob, JobStatusSchema, queuePosition, type NewJob } from '../jobs/index.js';
import { promote, type ServerContext } from './context.js';

export const StartedJobSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  created: z.boolean().describe('false when a job with this jobId already existed and was returned instead.'),
  workFolder: z.string(),
  model: z.string().optional(),
  createdAt: z.string(),
  queuePosition: z.number().int().optional(),
  parentJobId: z.string().optional(),
});
export type StartedJob = z.infer<typeof StartedJobSchema>;

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
  const launched = await promote(context);
  const { record } = outcome;
  // A job just created is running if this pass launched it and queued otherwise; only an old one needs a look.
  const status = !outcome.created ? (await inspectJob(root, record.jobId)).status : launched.includes(record.jobId) ? 'running' : 'queued';
  const position = status === 'queued' ? await queuePosition(root, record.jobId) : undefined;
  const started: StartedJob = { jobId: record.jobId, status, created: outcome.created, workFolder: record.workFolder, createdAt: record.createdAt };
  if (record.claude.model) started.model = record.claude.model;
  if (position) started.queuePosition = position;
  if (record.parentJobId) started.parentJobId = record.parentJobId;
  return started;
}
