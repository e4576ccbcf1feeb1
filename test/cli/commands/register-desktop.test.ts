// `claude-async register-desktop` against a temporary HOME: dry run, write, re-run, uninstall, a broken config.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDesktopConfig } from '../../../src/install/desktop-config-path.js';
import { findPackageRoot } from '../../../src/package-root.js';
import { writeFakeClaude } from '../../helpers/fake-claude.js';
import { makeTestRoot, type TestRoot } from '../../helpers/job-root.js';
import { CLI_ENTRY, cliEnv, killClis, runCli } from '../../helpers/run-cli.js';

let root: TestRoot;
let home: string;
let env: Record<string, string>;
let config: string;

beforeEach(() => {
  root = makeTestRoot();
  home = path.join(root.dir, 'home');
  mkdirSync(home);
  env = cliEnv(root, { HOME: home, CLAUDE_CLI_PATH: writeFakeClaude(root.dir).path });
  for (const key of ['XDG_CONFIG_HOME', 'APPDATA', 'LOCALAPPDATA']) delete env[key];
  config = findDesktopConfig({ platform: process.platform, env: {}, home }).path;
});

afterEach(async () => {
  killClis();
  await root.cleanup();
});

// Desktop does not pass on the shell's environment, so as root the entry itself carries IS_SANDBOX=1.
const AS_ROOT = process.getuid?.() === 0;
const register = (...args: string[]) => runCli(['register-desktop', ...args], { env, cwd: root.dir });

describe('claude-async register-desktop', () => {
  it('--dry-run says what it would add, with the entry, and writes nothing', async () => {
    const run = await register('--dry-run');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `Would add 'claude-async' to ${config}.`,
      `  command: ${process.execPath}`,
      `  args:    ${CLI_ENTRY}`,
      `  env:     CLAUDE_CLI_PATH=${env.CLAUDE_CLI_PATH}${AS_ROOT ? ' IS_SANDBOX=1' : ''}`,
    ]);
    expect(lines).toContain('next:');
    expect(run.stdout).toContain('This was a dry run: nothing was written.');
    expect(existsSync(config)).toBe(false);
  });

  it('adds the entry, keeps other servers, backs up, and is a no-op the second time', async () => {
    mkdirSync(path.dirname(config), { recursive: true });
    writeFileSync(config, JSON.stringify({ mcpServers: { other: { command: 'x', args: [] } }, theme: 'dark' }, null, 2));
    const first = await register('--name', 'bg-jobs');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^Added 'bg-jobs' to ${config} \\(backup: ${config}\\.bak-\\d{8}-\\d{6}\\)\\.$`, 'm'));
    const written = JSON.parse(readFileSync(config, 'utf8'));
    expect(written).toEqual({
      mcpServers: { other: { command: 'x', args: [] }, 'bg-jobs': { command: process.execPath, args: [CLI_ENTRY], env: { CLAUDE_CLI_PATH: env.CLAUDE_CLI_PATH, ...(AS_ROOT ? { IS_SANDBOX: '1' } : {}) } } },
      theme: 'dark',
    });
    const second = await register('--name', 'bg-jobs');
    expect(second.stdout).toContain(`'bg-jobs' is already registered in ${config} with these settings; nothing was written.`);
    const removed = await register('--name', 'bg-jobs', '--uninstall');
    expect(removed.stdout).toMatch(new RegExp(`^Removed 'bg-jobs' from ${config} \\(backup: `, 'm'));
    expect(JSON.parse(readFileSync(config, 'utf8')).mcpServers).toEqual({ other: { command: 'x', args: [] } });
  });

  it('warns that Desktop will not find claude when it is nowhere', async () => {
    const run = await register('--dry-run');
    expect(run.stdout).not.toContain('warning:');
    const lost = await runCli(['register-desktop', '--dry-run'], { env: { ...env, CLAUDE_CLI_PATH: '/nonexistent/claude' }, cwd: root.dir });
    expect(lost.stdout).toMatch(/^warning: The claude CLI was not found, so the entry has no CLAUDE_CLI_PATH/m);
  });

  it.each([
    ['a config that is not JSON', '{ "mcpServers": ', [], "is not valid JSON"],
    ['a name with a space', undefined, ['--name', 'a b'], "Invalid server name 'a b': use only letters, digits, '-' and '_'"],
  ])('refuses %s with exit 1 and changes nothing', async (_what, contents, args, message) => {
    if (contents !== undefined) {
      mkdirSync(path.dirname(config), { recursive: true });
      writeFileSync(config, contents);
    }
    const run = await register(...args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    if (contents !== undefined) expect(readFileSync(config, 'utf8')).toBe(contents);
  });

  it("skips this project's own node_modules/.bin/claude on PATH and says so", async () => {
    const ownBin = path.join(findPackageRoot(), 'node_modules', '.bin');
    const withOwnFirst = { ...env, PATH: `${ownBin}:${path.dirname(env.CLAUDE_CLI_PATH!)}:/usr/bin:/bin` };
    delete withOwnFirst.CLAUDE_CLI_PATH;
    const run = await runCli(['register-desktop', '--dry-run'], { env: withOwnFirst, cwd: root.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`warning: Skipped ${path.join(ownBin, 'claude')} on PATH: that is claude-async's own test copy of claude, not yours`);
    expect(run.stdout).toContain(`  env:     CLAUDE_CLI_PATH=${env.CLAUDE_CLI_PATH}`);
  });
});
