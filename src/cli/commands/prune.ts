// `claude-async prune`: deletes old finished jobs. Not in this version yet.
import { Command } from 'commander';
import { refuseUnavailable } from '../refuse-unavailable.js';

export function pruneCommand(): Command {
  return new Command('prune')
    .description('delete finished jobs older than a given age (not available yet in this version)')
    .option('--older-than <age>', 'age such as 7d, 12h', '7d')
    .action(() => refuseUnavailable('prune'));
}
