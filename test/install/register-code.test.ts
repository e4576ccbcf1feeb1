import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findClaudeUserConfig } from '../../src/install/host-configs.js';
import { registerCode, type CodeScope } from '../../src/install/register-code.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLAUDE = path.join(REPO_ROOT, 'node_modules', '.bin', 'claude');
const STAND_IN_SERVER = path.join(REPO_ROOT, 'test', 'fixtures', 'minimal-mcp-server.mjs');
const NODE = process.execPath;

interface CliHome {
  home: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  userConfig: string;
}

interface Ran {
  code: number | string | null;
  stdout: string;
  stderr: string;
}

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) {
    killProcessesUsing(home);
    rmSync(home, { recursive: true, force: true });
  }
});

// A throwaway HOME and config dir, and an environment that does not look like a nested Claude Code session.
function makeCliHome(): CliHome {
  const home = mkdtempSync(path.join(tmpdir(), 'register-code-'));
  homes.push(home);
  const cwd = path.join(home, 'project');
  mkdirSync(cwd);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'CLAUDECODE' || key.startsWith('CLAUDE_CODE_') || key.startsWith('CLAUDE_') || key.startsWith('XDG_')) continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    CLAUDE_CONFIG_DIR: path.join(home, '.claude'),
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  });
  return { home, cwd, env, userConfig: path.join(home, '.claude', '.claude.json') };
}

function runClaude(args: string[], where: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(CLAUDE, args, { cwd: where.cwd, env: where.env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? null) : 0, stdout, stderr });
    });
  });
}

// Servers that `claude mcp list` started inherit our temp HOME; anything still running with it is ours to stop.
function killProcessesUsing(home: string): number[] {
  if (!existsSync('/proc')) return [];
  const killed: number[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`HOME=${home}`)) continue;
      process.kill(Number(pid), 'SIGKILL');
      killed.push(Number(pid));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return killed;
}

function readServers(file: string): Record<string, unknown> {
  return (JSON.parse(readFileSync(file, 'utf8')) as { mcpServers?: Record<string, unknown> }).mcpServers ?? {};
}

describe('registerCode with the real claude CLI', () => {
  it.each([
    { scope: 'user', server: 'stand-in', entry: STAND_IN_SERVER, status: /^claude-async: .* - ✔ Connected$/m },
    { scope: 'local', server: 'stand-in', entry: STAND_IN_SERVER, status: /^claude-async: .* - ✔ Connected$/m },
    { scope: 'user', server: 'missing', entry: path.join(REPO_ROOT, 'test', 'fixtures', 'no-such-server.mjs'), status: /^claude-async: .* - ✘ Failed to connect/m },
  ] as const)('$scope scope with the $server server: claude mcp list shows it', async ({ scope, entry, status }) => {
    const cli = makeCliHome();
    const report = await registerCode({ uid: 1000, scope, claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: entry, nodePath: NODE });
    expect(report).toMatchObject({ scope, name: 'claude-async', action: 'added', dryRun: false, configPath: cli.userConfig, warnings: [] });
    expect(report.command).toEqual([CLAUDE, 'mcp', 'add', '-s', scope, 'claude-async', '-e', `CLAUDE_CLI_PATH=${CLAUDE}`, '--', NODE, entry]);
    expect(report.nextSteps.join('\n')).toContain('claude mcp list');
    const listed = await runClaude(['mcp', 'list'], cli);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`claude-async: ${NODE} ${entry}`);
    expect(listed.stdout).toMatch(status);
    expect(killProcessesUsing(cli.home)).toEqual([]);
  });

  it('user scope: the entry lands in the config file with absolute paths and CLAUDE_CLI_PATH', async () => {
    const cli = makeCliHome();
    await registerCode({ uid: 1000, scope: 'user', claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER, nodePath: NODE });
    expect(readServers(cli.userConfig)['claude-async']).toEqual({
      type: 'stdio',
      command: NODE,
      args: [STAND_IN_SERVER],
      env: { CLAUDE_CLI_PATH: CLAUDE },
    });
  });

  it.each(['user', 'local'] as const)('%s scope: re-running replaces the entry instead of failing', async (scope) => {
    const cli = makeCliHome();
    const options = { scope, claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER, nodePath: NODE };
    await registerCode({ uid: 1000, ...options, entryPath: '/old/main.js' });
    const again = await registerCode(options);
    expect(again.action).toBe('replaced');
    expect(again.removeCommand).toEqual([CLAUDE, 'mcp', 'remove', '-s', scope, 'claude-async']);
    const got = await runClaude(['mcp', 'get', 'claude-async'], cli);
    expect(got.stdout).toContain(`Args: ${STAND_IN_SERVER}`);
    expect(got.stdout).not.toContain('/old/main.js');
  });

  it('local scope applies only to its folder', async () => {
    const cli = makeCliHome();
    await registerCode({ uid: 1000, scope: 'local', claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER, nodePath: NODE });
    const elsewhere = path.join(cli.home, 'elsewhere');
    mkdirSync(elsewhere);
    const listed = await runClaude(['mcp', 'list'], { cwd: elsewhere, env: cli.env });
    expect(listed.stdout).not.toContain('claude-async');
  });

  it('dry run runs nothing and shows the commands', async () => {
    const cli = makeCliHome();
    const report = await registerCode({ uid: 1000, scope: 'user', claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER, nodePath: NODE, dryRun: true });
    expect(report).toMatchObject({ action: 'planned', dryRun: true });
    expect(report.command?.slice(1, 6)).toEqual(['mcp', 'add', '-s', 'user', 'claude-async']);
    expect(existsSync(cli.userConfig)).toBe(false);
  });

  it("reports the CLI's stderr and exit code when claude mcp add fails", async () => {
    const cli = makeCliHome();
    const fake = path.join(cli.home, 'fake-claude');
    writeFileSync(fake, '#!/bin/sh\necho "refusing: $*" >&2\nexit 3\n', { mode: 0o755 });
    const failure = registerCode({ uid: 1000, scope: 'user', claudePath: fake, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER, nodePath: NODE });
    await expect(failure).rejects.toThrow(/'claude mcp add' failed \(exit 3\): refusing: mcp add -s user claude-async .*Command: /);
  });

  it('says how to fix a claude path that cannot be run', async () => {
    const cli = makeCliHome();
    const failure = registerCode({ uid: 1000, scope: 'user', claudePath: path.join(cli.home, 'nope'), cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER });
    await expect(failure).rejects.toThrow(/Could not run the claude CLI at .*nope \(ENOENT\)\. Set CLAUDE_CLI_PATH/);
  });

  it('fails with the resolver message when claude is nowhere to be found', async () => {
    const cli = makeCliHome();
    const env = { ...cli.env, PATH: '', CLAUDE_CLI_PATH: path.join(cli.home, 'missing') };
    await expect(registerCode({ uid: 1000, scope: 'user', cwd: cli.cwd, env, entryPath: STAND_IN_SERVER })).rejects.toThrow(
      /Cannot register with Claude Code: CLAUDE_CLI_PATH is set to/,
    );
  });

  it.each(['global', ''])('rejects the scope %j', async (scope) => {
    const cli = makeCliHome();
    await expect(registerCode({ uid: 1000, scope: scope as CodeScope, claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER })).rejects.toThrow(
      /Invalid scope .*use one of user, project, local/,
    );
  });
});

describe('registerCode project scope', () => {
  const expectedEntry = { type: 'stdio', command: NODE, args: [STAND_IN_SERVER], env: { CLAUDE_CLI_PATH: CLAUDE } };

  it('writes .mcp.json that claude reads, pending approval', async () => {
    const cli = makeCliHome();
    const report = await registerCode({ uid: 1000, scope: 'project', claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER, nodePath: NODE });
    const file = path.join(cli.cwd, '.mcp.json');
    expect(report).toMatchObject({ scope: 'project', action: 'added', configPath: file });
    expect(report.command).toBeUndefined();
    expect(report.warnings.join('\n')).toMatch(/absolute paths from this machine/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ mcpServers: { 'claude-async': expectedEntry } });
    const listed = await runClaude(['mcp', 'list'], cli);
    expect(listed.stdout).toMatch(/^claude-async: .* - ⏸ Pending approval/m);
  });

  it('merges into an existing .mcp.json and is unchanged on re-run', async () => {
    const cli = makeCliHome();
    const file = path.join(cli.cwd, '.mcp.json');
    const existing = { $schema: 'x', mcpServers: { other: { type: 'stdio', command: 'uvx', args: ['other'], env: {} } } };
    writeFileSync(file, JSON.stringify(existing, null, 2));
    const options = { uid: 1000, scope: 'project', claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER, nodePath: NODE, now: new Date(2026, 0, 1) } as const;
    const first = await registerCode(options);
    expect(first.backupPath).toBe(`${file}.bak-20260101-000000`);
    const written = readFileSync(file, 'utf8');
    expect(JSON.parse(written)).toEqual({ ...existing, mcpServers: { ...existing.mcpServers, 'claude-async': expectedEntry } });
    const second = await registerCode(options);
    expect(second.action).toBe('unchanged');
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('dry run leaves the folder empty', async () => {
    const cli = makeCliHome();
    const report = await registerCode({ uid: 1000, scope: 'project', claudePath: CLAUDE, cwd: cli.cwd, env: cli.env, entryPath: STAND_IN_SERVER, dryRun: true });
    expect(report.action).toBe('added');
    expect(readdirSync(cli.cwd)).toEqual([]);
  });

  it('warns instead of failing when claude is not found', async () => {
    const cli = makeCliHome();
    const env = { ...cli.env, PATH: '', CLAUDE_CLI_PATH: path.join(cli.home, 'missing') };
    const report = await registerCode({ uid: 1000, scope: 'project', cwd: cli.cwd, env, entryPath: STAND_IN_SERVER, nodePath: NODE });
    expect(report.warnings[0]).toMatch(/claude CLI was not found/);
    expect(readServers(path.join(cli.cwd, '.mcp.json'))['claude-async']).toEqual({ type: 'stdio', command: NODE, args: [STAND_IN_SERVER] });
  });
});

describe('findClaudeUserConfig', () => {
  it.each([
    { env: { HOME: '/h', CLAUDE_CONFIG_DIR: '/c' }, expected: '/c/.claude.json' },
    { env: { HOME: '/h' }, expected: '/h/.claude.json' },
    { env: { HOME: '', USERPROFILE: '/u' }, expected: '/u/.claude.json' },
  ])('$env -> $expected', ({ env, expected }) => {
    expect(findClaudeUserConfig(env, "/nowhere")).toBe(expected);
  });
});
