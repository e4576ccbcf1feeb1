// Finds the job a person named: by its id, or by the start of one (ids are long); otherwise says which ids exist.
import { inspectJob, JobIdSchema, listJobs, type JobSnapshot } from '../jobs/index.js';
import { CliError } from './cli-error.js';
import { listIds } from './format/list-ids.js';

export async function findJob(root: string, id: string): Promise<JobSnapshot> {
  const checked = JobIdSchema.safeParse(id);
  if (!checked.success) throw new CliError(`'${id}' is not a job id: ${checked.error.issues[0]?.message}. 'claude-async jobs' lists the ids.`);
  const exact = await inspectJob(root, id);
  if (exact.record || exact.reason !== 'no such job') return exact;
  const { jobs } = await listJobs(root, { limit: Number.MAX_SAFE_INTEGER });
  const matches = jobs.filter((job) => job.jobId.startsWith(id));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new CliError(`'${id}' is the start of ${matches.length} job ids: ${idsOf(matches)}. Give more of the id.`);
  if (jobs.length === 0) throw new CliError(`No job '${id}': there are no jobs in ${root} yet.`);
  throw new CliError(`No job '${id}' in ${root}. Recent jobs: ${idsOf(jobs)}. 'claude-async jobs' lists them all.`);
}

function idsOf(jobs: JobSnapshot[]): string {
  return listIds(jobs.map((job) => job.jobId));
}
