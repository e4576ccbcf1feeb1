// `claude-async respond ID REQUEST allow|deny [--message M]`: answers a job's permission request, as claude_respond does.
import { Command, InvalidArgumentError } from 'commander';
import { answerRequest } from '../../permissions/index.js';
import { readSettings } from '../../settings.js';
import { CliError } from '../cli-error.js';
import { findJob } from '../find-job.js';

function parseDecision(raw: string): boolean {
  if (raw === 'allow' || raw === 'deny') return raw === 'allow';
  throw new InvalidArgumentError(`expected allow or deny, got '${raw}'.`);
}

export function respondCommand(): Command {
  return new Command('respond')
    .description("answer a job's permission request (`claude-async show ID` lists what it waits for)")
    .argument('<id>', 'job id (its first characters are enough)')
    .argument('<request>', 'request id, e.g. perm-1')
    .argument('<decision>', 'allow or deny', parseDecision)
    .option('--message <text>', 'said to claude with the answer: why it was denied, or what to do instead')
    .action(async (id: string, requestId: string, allow: boolean, options: { message?: string }) => {
      const root = readSettings().jobDir;
      const { jobId } = await findJob(root, id);
      const outcome = await answerRequest(root, jobId, requestId, { allow, message: options.message });
      if (!outcome.answered) throw new CliError(outcome.refusal);
      process.stdout.write(`${jobId} ${requestId} (${outcome.tool}): ${allow ? 'allowed' : 'denied'}; the job goes on\n`);
    });
}
