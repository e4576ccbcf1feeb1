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
    .action(async (options: { olderThan: number; status?: JobStatus; deleteBranch?: boolean }, command: Command) => {
      const removed = await removeJobs(readSettings().jobDir, { endedBeforeMs: Date.now() - options.olderThan, status: options.status, deleteBranch: options.deleteBranch });
      process.stdout.write(`${describePruning(removed.map((job) => job.jobId), options, command.getOptionValueSource('olderThan') === 'default')}\n`);
      for (const { jobId, worktree } of removed) if (worktree) process.stdout.write(`  ${jobId}: ${describeRemovedWorktree(worktree)}\n`);
    });
}

// Says which age was used, and when it was the default, so "nothing" is not read as "there is nothing at all".
function describePruning(removed: string[], options: { olderThan: number; status?: JobStatus }, byDefault: boolean): string {
  const age = options.olderThan === 0 ? '' : ` that ended more than ${ms(options.olderThan)} ago${byDefault ? ' (the default age; --older-than sets another, 0 for all)' : ''}`;
  const kind = `finished${options.status ? ` ${options.status}` : ''}`;
  if (removed.length === 0) return `nothing to prune: no ${kind} jobs${age}`;
  return `removed ${removed.length} ${kind} job${removed.length === 1 ? '' : 's'}${age}: ${removed.join(', ')}`;
}

function describeRemovedWorktree(worktree: RemovedWorktree): string {
  const folder = worktree.removed ? `worktree ${worktree.path} removed` : `worktree ${worktree.path} kept`;
  const branch = worktree.branchKept ? `branch ${worktree.branch} kept (${worktree.commits ?? "its"} commit(s))` : `branch ${worktree.branch} deleted`;
  return [folder, branch, worktree.note].filter(Boolean).join('; ');
}
