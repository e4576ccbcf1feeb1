// `claude-async logs ID`: a job's transcript; -f follows a running job until it ends, --raw prints the bytes as written.
import { Command } from 'commander';
import { hasEnded, inspectJob, jobOutputPaths } from '../../jobs/index.js';
import { readSettings } from '../../settings.js';
import { findJob } from '../find-job.js';
import { pickColors } from '../pick-colors.js';
import { printRaw, printTranscript } from '../print-transcript.js';
import type { FollowOptions } from '../read-log.js';

const FOLLOW_INTERVAL_MS = 250;

interface LogsOptions {
  follow?: boolean;
  raw?: boolean;
}

export function logsCommand(): Command {
  return new Command('logs')
    .description("a job's transcript (claude's stream-json rendered for people)")
    .argument('<id>', 'job id (its first characters are enough)')
    .option('-f, --follow', 'keep printing as the job writes, until it ends')
    .option('--raw', "print claude's stream-json output byte for byte")
    .action(async (id: string, options: LogsOptions) => {
      const root = readSettings().jobDir;
      const { jobId } = await findJob(root, id);
      const file = jobOutputPaths(root, jobId).stdout;
      const follow: FollowOptions | undefined = options.follow ? { hasEnded: () => jobHasEnded(root, jobId), intervalMs: FOLLOW_INTERVAL_MS } : undefined;
      if (options.raw) await printRaw(file, follow);
      else await printTranscript(file, pickColors(), follow);
    });
}

// A job that can no longer write: ended, or gone (unknown).
async function jobHasEnded(root: string, jobId: string): Promise<boolean> {
  return hasEnded((await inspectJob(root, jobId)).status);
}
