// `claude-async register-desktop`: adds (or with --uninstall removes) this install in Claude Desktop's config.
import { Command } from 'commander';
import { registerDesktop } from '../../install/register-desktop.js';
import { rethrowForPeople } from '../cli-error.js';
import { formatDesktopReport } from '../format/format-registration.js';
import { pickColors } from '../pick-colors.js';
import { warnNpxInstall } from '../warn-npx-install.js';

interface DesktopOptions {
  dryRun?: boolean;
  uninstall?: boolean;
  name: string;
}

export function registerDesktopCommand(): Command {
  return new Command('register-desktop')
    .description("add this install to Claude Desktop's MCP servers (a backup of the config is kept)")
    .option('--dry-run', 'show what would change, write nothing')
    .option('--uninstall', 'remove the entry instead')
    .option('--name <name>', 'the server name in the config', 'claude-async')
    .action(async (options: DesktopOptions) => {
      const report = await registerDesktop({ name: options.name, dryRun: options.dryRun, uninstall: options.uninstall }).catch(rethrowForPeople);
      report.warnings.push(...warnNpxInstall());
      process.stdout.write(`${formatDesktopReport(report, pickColors()).join('\n')}\n`);
    });
}

