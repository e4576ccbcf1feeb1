// `claude-async cancel ID`: stops a job and everything it started, as claude_cancel does.
import { Command } from 'commander';
import { cancelJob, waitForJobs } from '../../jobs/index.js';
import { readSettings } from '../../settings.js';
import { findJob } from '../find-job.js';

const WAIT_MS = 5000;

export function cancelCommand(): Command {
  return new Command('cancel')
    .description('stop a running or queued job and every process it started (the id\'s first characters are enough)')
    .argument('<id>', 'job id')
    .action(async (id: string) => {
      const root = readSettings().jobDir;
      const { jobId } = await findJob(root, id);
      const outcome = await cancelJob(root, jobId);
      if (outcome.action === 'already-ended') {
        process.stdout.write(`${jobId} already ended (${outcome.snapshot.status}); nothing to cancel\n`);
        return;
      }
      const [after] = await waitForJobs(root, [jobId], 'all', WAIT_MS);
      process.stdout.write(after!.status === 'cancelled' ? `${jobId} cancelled\n` : `${jobId} is stopping (${after!.status}); 'claude-async show ${jobId}' follows it\n`);
    });
}
