// `claude-async prune`: deletes finished jobs older than an age, as claude_cleanup does. Never queued or running ones.
import { Command, InvalidArgumentError } from 'commander';
import ms from 'ms';
import { removeJobs, TERMINAL_STATUSES, type JobStatus } from '../../jobs/index.js';
import { readSettings } from '../../settings.js';
import type { RemovedWorktree } from '../../worktree/index.js';

function parseAge(raw: string): number {
  const value = ms(raw as ms.StringValue);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InvalidArgumentError(`expected an age such as 7d, 12h or 30m, got '${raw}'.`);
  return value;
}

function parseFinishedStatus(raw: string): JobStatus {
  if (!TERMINAL_STATUSES.has(raw as JobStatus)) throw new InvalidArgumentError(`expected a finished status (${[...TERMINAL_STATUSES].join(', ')}), got '${raw}'.`);
  return raw as JobStatus;
}

export function pruneCommand(): Command {
  return new Command('prune')
    .description('delete finished jobs (and their files) that ended longer ago than --older-than')
    .option('--older-than <age>', 'age such as 7d, 12h, 30m; 0 for every finished job', parseAge, parseAge('7d'))
    .option('--status <status>', 'only jobs that ended in this status', parseFinishedStatus)
    .option('--delete-branch', "worktree jobs: delete the job's branch too, even when it holds commits")
    .action(async (options: { olderThan: number; status?: JobStatus; deleteBranch?: boolean }) => {
      const removed = await removeJobs(readSettings().jobDir, { endedBeforeMs: Date.now() - options.olderThan, status: options.status, deleteBranch: options.deleteBranch });
      process.stdout.write(removed.length === 0 ? 'nothing to prune\n' : `removed ${removed.length} finished job(s): ${removed.map((job) => job.jobId).join(', ')}\n`);
      for (const { jobId, worktree } of removed) if (worktree) process.stdout.write(`  ${jobId}: ${describeRemovedWorktree(worktree)}\n`);
    });
}

function describeRemovedWorktree(worktree: RemovedWorktree): string {
  const folder = worktree.removed ? `worktree ${worktree.path} removed` : `worktree ${worktree.path} kept`;
  const branch = worktree.branchKept ? `branch ${worktree.branch} kept (${worktree.commits ?? "its"} commit(s))` : `branch ${worktree.branch} deleted`;
  return [folder, branch, worktree.note].filter(Boolean).join('; ');
}
