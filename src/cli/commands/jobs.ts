// `claude-async jobs`: the jobs in the job directory, newest first, as a table or as JSON.
import { Command, Option } from 'commander';
import { JOB_STATUSES, listJobs, summarizeJob, type JobStatus } from '../../jobs/index.js';
import { readSettings } from '../../settings.js';
import { formatJobsTable } from '../format/format-jobs.js';
import { parseCount } from '../parse-count.js';
import { pickColors } from '../pick-colors.js';

interface JobsOptions {
  status?: JobStatus;
  limit: number;
  json?: boolean;
}

export function jobsCommand(): Command {
  return new Command('jobs')
    .description('list jobs, newest first: id, status, age, duration, folder, cost and prompt')
    .addOption(new Option('--status <status>', 'only jobs in this status').choices(JOB_STATUSES))
    .option('--limit <n>', 'at most this many jobs', parseCount, 20)
    .option('--json', 'print the listing as JSON ({ total, jobs }), as the claude_jobs tool returns it')
    .action(async (options: JobsOptions) => {
      const root = readSettings().jobDir;
      const listing = await listJobs(root, { status: options.status, limit: options.limit });
      const jobs = await Promise.all(listing.jobs.map((snapshot) => summarizeJob(root, snapshot)));
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ total: listing.total, jobs }, null, 2)}\n`);
        return;
      }
      if (jobs.length === 0) {
        const which = options.status ? `${options.status} jobs` : 'jobs';
        process.stdout.write(`No ${which} in ${root}.${listing.total > 0 ? ` (${listing.total} in other statuses.)` : ''}\n`);
        return;
      }
      const width = process.stdout.isTTY ? process.stdout.columns : undefined;
      const lines = formatJobsTable(jobs, pickColors(), Date.now(), width);
      const more = options.status === undefined && listing.total > jobs.length ? [`${jobs.length} of ${listing.total} jobs; --limit ${listing.total} shows them all.`] : [];
      process.stdout.write(`${[...lines, ...more].join('\n')}\n`);
    });
}
