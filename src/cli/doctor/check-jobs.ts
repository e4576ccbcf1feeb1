// Jobs that need a person's look: orphaned (their worker died) and unknown (records that cannot be read).
import { existsSync } from 'node:fs';
import { jobOutputPaths, listJobs, type JobSnapshot, type JobStatus } from '../../jobs/index.js';
import { listIds } from '../format/list-ids.js';
import type { Finding } from './finding.js';

export async function checkJobs(jobDir: string): Promise<Finding[]> {
  // No job directory yet: no jobs.
  if (!existsSync(jobDir)) return [];
  const { jobs } = await listJobs(jobDir, { limit: Number.MAX_SAFE_INTEGER });
  const counts = new Map<JobStatus, number>();
  for (const job of jobs) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
  const tally = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  const findings: Finding[] = [{ level: 'ok', text: `${jobs.length} job${jobs.length === 1 ? '' : 's'}${tally ? ` (${tally})` : ''}` }];
  const orphaned = jobs.filter((job) => job.status === 'orphaned');
  const unknown = jobs.filter((job) => job.status === 'unknown');
  if (orphaned.length > 0) {
    findings.push({
      level: 'warn',
      text: `${orphaned.length} orphaned job(s), whose worker died without recording how they ended: ${idsOf(orphaned)}`,
      fix: `'claude-async show ${orphaned[0]!.jobId}' shows what it printed; orphaned jobs do not resume, start them again if needed`,
    });
  }
  if (unknown.length > 0) {
    const first = unknown[0]!;
    findings.push({
      level: 'warn',
      text: `${unknown.length} job(s) whose records cannot be read: ${idsOf(unknown)} (${first.jobId}: ${first.reason ?? 'unknown'})`,
      fix: `'claude-async show ${first.jobId}' says why; if it is junk, remove its folder: rm -r ${jobOutputPaths(jobDir, first.jobId).dir}`,
    });
  }
  return findings;
}

function idsOf(jobs: JobSnapshot[]): string {
  return listIds(jobs.map((job) => job.jobId));
}
