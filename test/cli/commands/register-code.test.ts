// `claude-async register-code` against a temporary HOME and project folder, with a claude that only records its args.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFakeClaude } from '../../helpers/fake-claude.js';
import { makeTestRoot, type TestRoot } from '../../helpers/job-root.js';
import { CLI_ENTRY, cliEnv, killClis, runCli } from '../../helpers/run-cli.js';

let root: TestRoot;
let home: string;
let project: string;
let claude: { path: string; calls: string };
let env: Record<string, string>;

beforeEach(() => {
  root = makeTestRoot();
  home = path.join(root.dir, 'home');
  project = path.join(root.dir, 'project');
  mkdirSync(home);
  mkdirSync(project);
  claude = writeFakeClaude(root.dir);
  env = cliEnv(root, { HOME: home, CLAUDE_CLI_PATH: claude.path });
  delete env.CLAUDE_CONFIG_DIR;
});

afterEach(async () => {
  killClis();
  await root.cleanup();
});

// As root the entry carries IS_SANDBOX=1, which claude needs to accept skipPermissions jobs.
const SANDBOX = process.getuid?.() === 0 ? ' IS_SANDBOX=1' : '';
const register = (...args: string[]) => runCli(['register-code', ...args], { env, cwd: project });

describe('claude-async register-code', () => {
  it('--dry-run shows the claude mcp commands it would run for user scope, and runs nothing', async () => {
    const run = await register('--dry-run');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      "Would register 'claude-async' with Claude Code (user scope) by running:",
      `  ${claude.path} mcp remove -s user claude-async   (drops an older entry of that name, if any)`,
      `  ${claude.path} mcp add -s user claude-async -e CLAUDE_CLI_PATH=${claude.path}${SANDBOX} -- ${process.execPath} ${CLI_ENTRY}`,
      `config: ${path.join(home, '.claude.json')}`,
    ]);
    expect(run.stdout).toContain('next:\n  - claude mcp list');
    expect(existsSync(claude.calls)).toBe(false);
  });

  it('registers through the claude CLI, replacing an entry of the same name', async () => {
    const run = await register('--scope', 'local', '--name', 'jobs');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Registered 'jobs' with Claude Code (local scope), replacing the entry of that name; ran:");
    expect(readFileSync(claude.calls, 'utf8').split('\n')).toEqual([
      'mcp remove -s local jobs',
      `mcp add -s local jobs -e CLAUDE_CLI_PATH=${claude.path}${SANDBOX} -- ${process.execPath} ${CLI_ENTRY}`,
      '',
    ]);
  });

  it('--scope project --dry-run says which .mcp.json it would write, and writes nothing', async () => {
    const run = await register('--scope', 'project', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Would add 'claude-async' to ${path.join(project, '.mcp.json')} for Claude Code (project scope).`);
    expect(run.stdout).toMatch(/^warning: .*\.mcp\.json would hold absolute paths from this machine/m);
    expect(existsSync(path.join(project, '.mcp.json'))).toBe(false);
  });

  it.each([
    [['--scope', 'global'], {}, "argument 'global' is invalid. Allowed choices are user, project, local."],
    [['--dry-run'], { CLAUDE_CLI_PATH: '/nonexistent/claude' }, "Cannot register with Claude Code: CLAUDE_CLI_PATH is set to '/nonexistent/claude'"],
  ])('refuses %j with exit 1, saying what to do', async (args, extra, message) => {
    const run = await runCli(['register-code', ...args], { env: { ...env, ...extra }, cwd: project });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });
});
