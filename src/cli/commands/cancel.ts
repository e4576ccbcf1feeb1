// `claude-async cancel ID`: stops a job. Not in this version yet.
import { Command } from 'commander';
import { refuseUnavailable } from '../refuse-unavailable.js';

export function cancelCommand(): Command {
  return new Command('cancel')
    .description('stop a running or queued job (not available yet in this version)')
    .argument('<id>', 'job id')
    .action(() => refuseUnavailable('cancel'));
}
