// `claude-async register-code`: registers this install with Claude Code (`claude mcp add`, or .mcp.json for project).
import { Command, Option } from 'commander';
import { registerCode, type CodeScope } from '../../install/register-code.js';
import { rethrowForPeople } from '../cli-error.js';
import { formatCodeReport } from '../format/format-registration.js';
import { pickColors } from '../pick-colors.js';
import { warnNpxInstall } from '../warn-npx-install.js';

interface CodeOptions {
  scope: CodeScope;
  name: string;
  dryRun?: boolean;
}

export function registerCodeCommand(): Command {
  return new Command('register-code')
    .description('register this install with Claude Code')
    .addOption(new Option('--scope <scope>', 'user: every project; project: ./.mcp.json, shared; local: this folder, just you').choices(['user', 'project', 'local']).default('user'))
    .option('--name <name>', 'the server name', 'claude-async')
    .option('--dry-run', 'show what would be run or written, change nothing')
    .action(async (options: CodeOptions) => {
      const report = await registerCode({ scope: options.scope, name: options.name, dryRun: options.dryRun }).catch(rethrowForPeople);
      report.warnings.push(...warnNpxInstall());
      process.stdout.write(`${formatCodeReport(report, pickColors()).join('\n')}\n`);
    });
}
