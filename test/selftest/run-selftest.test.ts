// The product's own check, run as a user would: the built binary, with no claude anywhere on the machine.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { distPath } from '../../src/package-root.js';

const run = promisify(execFile);
const main = distPath('src', 'cli', 'main.js');
let home: string;

afterEach(() => rmSync(home, { recursive: true, force: true }));

it('--selftest passes with no claude installed and says where it looked', async () => {
  home = mkdtempSync(path.join(tmpdir(), 'selftest-home-'));
  const env = { PATH: path.dirname(process.execPath) + ':/usr/bin:/bin', HOME: home, CLAUDE_ASYNC_JOB_DIR: path.join(home, 'jobs') };
  const { stdout } = await run(process.execPath, [main, '--selftest'], { env, timeout: 60_000 });
  expect(stdout).toContain('claude CLI not found; looked in:');
  expect(stdout).toMatch(/ok {4}a job runs to completed with its result/);
  expect(stdout).toMatch(/ok {4}a new server process reads the jobs back from disk/);
  expect(stdout.trim().endsWith('selftest passed')).toBe(true);
});

it('--version and --help answer', async () => {
  home = mkdtempSync(path.join(tmpdir(), 'selftest-home-'));
  const version = await run(process.execPath, [main, '--version']);
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  const help = await run(process.execPath, [main, '--help']);
  expect(help.stdout).toContain('--selftest');
});

it('refuses a malformed setting at start, naming it', async () => {
  home = mkdtempSync(path.join(tmpdir(), 'selftest-home-'));
  const failure = await run(process.execPath, [main], { env: { ...process.env, CLAUDE_ASYNC_MAX_PARALLEL: 'lots' } }).catch((error: { code: number; stderr: string }) => error);
  expect(failure).toMatchObject({ code: 2 });
  expect((failure as { stderr: string }).stderr).toContain("CLAUDE_ASYNC_MAX_PARALLEL must be a whole number >= 0, got 'lots'");
});
