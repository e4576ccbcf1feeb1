#!/usr/bin/env node
// The one binary: with no command it serves MCP on stdio (what hosts run); commands are for people.
import { Command } from 'commander';
import { serve } from '../server/serve.js';
import { readSettings, SettingsError } from '../settings.js';
import { runSelftest } from '../selftest/run-selftest.js';
import { PACKAGE_VERSION } from '../version.js';

const program = new Command()
  .name('claude-async')
  .description('MCP server that runs Claude Code CLI sessions as durable background jobs. With no command it serves MCP on stdio.')
  .version(PACKAGE_VERSION, '-v, --version')
  .option('--selftest', 'verify the plumbing (MCP over stdio, runner, job files) without a live model, then exit')
  .action(async (options: { selftest?: boolean }) => {
    if (options.selftest) {
      process.exitCode = await runSelftest();
      return;
    }
    serve(readSettings());
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof SettingsError) {
    process.stderr.write(`claude-async: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
