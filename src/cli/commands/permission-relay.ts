// `claude-async permission-relay JOBDIR --timeout S`: the relay mode a job's claude starts as its permission prompt
// tool (src/permissions). Not for people, so hidden from --help.
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { RELAY_COMMAND } from '../../permissions/relay-launch.js';

function parseSeconds(raw: string): number {
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  throw new InvalidArgumentError(`expected a whole number of seconds > 0, got '${raw}'.`);
}

export function permissionRelayCommand(): Command {
  return new Command(RELAY_COMMAND)
    .description("serve a job's permission relay over stdio (started by the job's claude)")
    .argument('<jobDir>', "the job's directory", (raw: string) => {
      if (!path.isAbsolute(raw)) throw new InvalidArgumentError(`expected an absolute path, got '${raw}'.`);
      return raw;
    })
    .requiredOption('--timeout <seconds>', 'deny a request nobody answered after this long', parseSeconds)
    .action(async (jobDir: string, options: { timeout: number }) => {
      const { serveRelay } = await import('../../permissions/relay-server.js');
      serveRelay(jobDir, options.timeout);
    });
}
