#!/usr/bin/env node
// The one binary: with no command it serves MCP on stdio (what hosts run); commands are for people.
import { Command } from 'commander';
import { readSettings, SettingsError } from '../settings.js';
import { PACKAGE_VERSION } from '../version.js';
import { CliError } from './cli-error.js';
import { cancelCommand } from './commands/cancel.js';
import { dashboardCommand } from './commands/dashboard.js';
import { doctorCommand } from './commands/doctor.js';
import { jobsCommand } from './commands/jobs.js';
import { logsCommand } from './commands/logs.js';
import { permissionRelayCommand } from './commands/permission-relay.js';
import { pruneCommand } from './commands/prune.js';
import { registerCodeCommand } from './commands/register-code.js';
import { registerDesktopCommand } from './commands/register-desktop.js';
import { runCommand } from './commands/run.js';
import { respondCommand } from './commands/respond.js';
import { showCommand } from './commands/show.js';

const program = new Command()
  .name('claude-async')
  .description('MCP server that runs Claude Code CLI sessions as durable background jobs. With no command it serves MCP on stdio.')
  .version(PACKAGE_VERSION, '-v, --version')
  .option('--selftest', 'verify the plumbing (MCP over stdio, runner, job files) without a live model, then exit')
  .option('--real', 'with --selftest: also run one tiny job through the real claude CLI (one short model turn) to check it can authenticate')
  // Words that are no command reach the default action, which names them instead of commander's "too many arguments".
  .allowExcessArguments()
  .action(async (options: { selftest?: boolean; real?: boolean }, command: Command) => {
    if (command.args.length > 0) throw new CliError(`unknown command '${command.args[0]}'. 'claude-async --help' lists the commands.`);
    // Loaded here, not at the top: a person's command then starts without the MCP SDK.
    if (options.selftest) {
      const { runSelftest } = await import('../selftest/run-selftest.js');
      process.exitCode = await runSelftest(options.real);
      return;
    }
    const [{ serve }, { normalizeBundleEnv }] = await Promise.all([import('../server/serve.js'), import('../install/bundle-env.js')]);
    normalizeBundleEnv(process.env);
    serve(readSettings());
  })
  // A person's command piped into `head` closes the pipe early; that is the reader's choice, not an error.
  // Only commands get this: on the server, stdout is the protocol.
  .hook('preSubcommand', () => {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
  });

for (const command of [runCommand(), jobsCommand(), showCommand(), logsCommand(), respondCommand(), cancelCommand(), pruneCommand(), dashboardCommand(), doctorCommand(), registerDesktopCommand(), registerCodeCommand()]) {
  program.addCommand(command);
}
program.addCommand(permissionRelayCommand(), { hidden: true });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof SettingsError) {
    process.stderr.write(`claude-async: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof CliError) {
    process.stderr.write(`claude-async: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  throw error;
}
