// The binary's surface for people: the commands in --help, and a clear word for a command that does not exist.
import { describe, expect, it } from 'vitest';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { cliEnv, runCli } from '../helpers/run-cli.js';

const root = useTestRoot();

describe('claude-async', () => {
  it('lists every command in --help', async () => {
    const run = await runCli(['--help'], { env: cliEnv(root.current) });
    expect(run.code).toBe(0);
    for (const command of ['jobs', 'show', 'logs', 'cancel', 'prune', 'doctor', 'register-desktop', 'register-code']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('names an unknown command instead of starting the server', async () => {
    const run = await runCli(['frobnicate'], { env: cliEnv(root.current) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("claude-async: unknown command 'frobnicate'. 'claude-async --help' lists the commands.\n");
  });
});
