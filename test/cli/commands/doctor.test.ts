// `claude-async doctor` on a machine set up right, and on one with a wrong claude path, an open job directory, a
// stale registration and an orphaned job. HOME, the configs and the job directory are the test's own.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDesktopConfig } from '../../../src/install/desktop-config-path.js';
import { FAKE_CLAUDE_VERSION, writeFakeClaude } from '../../helpers/fake-claude.js';
import { makeTestRoot, type TestRoot } from '../../helpers/job-root.js';
import { closeServers, startServer, waitForClaude, waitForStatus } from '../../helpers/mcp-client.js';
import { cliEnv, killClis, runCli } from '../../helpers/run-cli.js';

let root: TestRoot;
let home: string;
let fakeClaude: string;

beforeEach(() => {
  root = makeTestRoot();
  home = path.join(root.dir, 'home');
  mkdirSync(home);
  fakeClaude = writeFakeClaude(root.dir).path;
});

afterEach(async () => {
  killClis();
  await closeServers();
  await root.cleanup();
});

const isRoot = process.getuid?.() === 0;
const desktopConfig = () => findDesktopConfig({ platform: process.platform, env: {}, home }).path;

function doctorEnv(extra: Record<string, string>): Record<string, string> {
  const env = cliEnv(root, { HOME: home, ...extra });
  for (const key of ['XDG_CONFIG_HOME', 'CLAUDE_CONFIG_DIR', 'APPDATA', 'LOCALAPPDATA']) delete env[key];
  return env;
}

const doctor = (env: Record<string, string>) => runCli(['doctor'], { env, cwd: root.dir });

async function runOneJob(prompt: string, until: 'completed' | 'claude started'): Promise<Record<string, unknown>> {
  const server = await startServer(root.env());
  const jobId = String((await server.call('claude_start', { prompt })).jobId);
  return until === 'completed' ? waitForStatus(server, jobId, ['completed']) : { jobId, ...(await waitForClaude(server, jobId)) };
}

describe('claude-async doctor', () => {
  it('says ok to every check on a healthy setup and exits 0', async () => {
    const env = doctorEnv({ CLAUDE_CLI_PATH: fakeClaude, IS_SANDBOX: '1' });
    expect((await runCli(['register-desktop'], { env, cwd: root.dir })).code).toBe(0);
    await runOneJob('a healthy job', 'completed');

    const run = await doctor(env);
    expect(run.stdout).not.toMatch(/^(warn|fail)/m);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ok {4}Node\.js \d+\.\d+\.\d+$/);
    expect(lines).toContain(`ok    claude CLI ${fakeClaude} (found via CLAUDE_CLI_PATH): ${FAKE_CLAUDE_VERSION}`);
    expect(lines).toContain(`ok    job directory ${root.jobDir} is writable and private (mode 0700)`);
    expect(lines).toContain(`ok    Claude Desktop (${desktopConfig()}): 'claude-async' runs this install`);
    expect(lines).toContain('ok    1 job (1 completed)');
    expect(lines.some((line) => line.startsWith(`ok    server log ${path.join(root.jobDir, 'server.log')} (`))).toBe(true);
    if (isRoot) expect(lines).toContain('ok    running as root with IS_SANDBOX=1: claude accepts skipPermissions jobs');
    expect(lines.at(-1)).toBe('all good');
  });

  it('fails on a wrong claude path and a registration of a gone install, warns on an open job directory and an orphan', async () => {
    const view = await runOneJob('@sleep 30000\nan orphan to be', 'claude started');
    process.kill(Number(view.runnerPid), 'SIGKILL');
    chmodSync(root.jobDir, 0o755);
    const gone = '/gone/claude-async/dist/src/cli/main.js';
    mkdirSync(path.dirname(desktopConfig()), { recursive: true });
    writeFileSync(desktopConfig(), JSON.stringify({ mcpServers: { 'claude-async': { command: process.execPath, args: [gone] } } }));

    const run = await doctor(doctorEnv({ CLAUDE_CLI_PATH: '/nonexistent/claude' }));
    expect(run.code).toBe(1);
    const text = run.stdout;
    expect(text).toContain("fail  CLAUDE_CLI_PATH is set to '/nonexistent/claude', but that is not an executable file.");
    expect(text).toContain(
      `warn  job directory ${root.jobDir} can be read by other users (mode 0755); prompts and output may hold secrets\n      fix: chmod 700 ${root.jobDir}`,
    );
    expect(text).toContain(`fail  Claude Desktop (${desktopConfig()}): 'claude-async' points at ${gone}, which does not exist\n      fix: claude-async register-desktop`);
    expect(text).toMatch(new RegExp(`^warn  1 orphaned job\\(s\\), whose worker died without recording how they ended: ${String(view.jobId)}$`, 'm'));
    expect(text).toContain(`fix: 'claude-async show ${String(view.jobId)}' shows what it printed`);
    if (isRoot) expect(text).toMatch(/^warn  running as root without IS_SANDBOX=1: .*skipPermissions \(the default\) will fail\n {6}fix: /m);
    expect(text.trimEnd().split('\n').at(-1)).toBe(`2 failures, ${isRoot ? 3 : 2} warnings`);
  });

  it('fails on a claude that does not answer --version, and warns when no host starts claude-async', async () => {
    const broken = path.join(root.dir, 'broken-claude');
    writeFileSync(broken, '#!/bin/sh\necho "segfault" >&2\nexit 3\n');
    chmodSync(broken, 0o755);
    const run = await doctor(doctorEnv({ CLAUDE_CLI_PATH: broken, IS_SANDBOX: '1' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`fail  claude CLI ${broken} (found via CLAUDE_CLI_PATH) did not answer --version: segfault`);
    expect(run.stdout).toContain(`ok    job directory ${root.jobDir} does not exist yet; it is created (mode 0700) with the first job`);
    expect(run.stdout).toMatch(/^warn  no host is set up to start claude-async \(looked in .+\)\n {6}fix: claude-async register-desktop/m);
  });

  it('fails on a malformed setting instead of crashing', async () => {
    const run = await doctor(doctorEnv({ CLAUDE_CLI_PATH: fakeClaude, CLAUDE_ASYNC_MAX_PARALLEL: 'lots' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain("fail  settings: CLAUDE_ASYNC_MAX_PARALLEL must be a whole number >= 0, got 'lots'");
  });
});
