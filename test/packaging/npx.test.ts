// What `npx claude-async` gets: the tarball npm pack makes, installed into an empty folder from the local npm cache
// only (no network), must run its own selftest. The build under test is the one in dist/ (npm test builds first).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/package-root.js';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const repo = findPackageRoot();
const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));

interface PackedFile {
  path: string;
  mode: number;
}

let scratch: string;
let app: string;
let packed: { filename: string; files: PackedFile[] };

// npm run by `npm test` passes its lifecycle variables down; a nested npm must not take them for its own.
function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_lifecycle_|npm_package_|npm_command$|INIT_CWD$|CLAUDE_ASYNC_)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'claude-async-pack-'));
  // --ignore-scripts: prepare would rebuild dist/ under the feet of tests running beside this one; dist/ is fresh.
  const pack = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: repo, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 });
  packed = JSON.parse(pack.stdout)[0];
  app = path.join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'npx-check', version: '1.0.0', private: true }));
  await run(NPM, ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(scratch, packed.filename)], {
    cwd: app,
    env: npmEnv(),
    timeout: 120_000,
  });
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the npm package', () => {
  it('declares what npx needs: a bin in the tarball, Node 20+, and a prepare that builds', () => {
    expect(manifest.bin).toEqual({ 'claude-async': 'dist/src/cli/main.js' });
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(manifest.scripts.prepare).toBe('npm run build');
    const files = new Map(packed.files.map((file) => [file.path, file.mode]));
    expect(files.get('dist/src/cli/main.js')! & 0o111).not.toBe(0);
    expect(files.has('dist/src/selftest/stand-in-claude.js')).toBe(true);
    expect(files.has('dist/src/runner/main.js')).toBe(true);
    expect(files.has('README.md')).toBe(true);
    expect(readFileSync(path.join(repo, 'dist', 'src', 'cli', 'main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // Sources, tests and local state stay out of what users download.
    expect(packed.files.filter((file) => /^(src|test|node_modules|\.ci)\//.test(file.path) || file.path.endsWith('.tgz'))).toEqual([]);
  });

  it('runs `npx claude-async --selftest` from a fresh install, offline', async () => {
    const env = npmEnv({ CLAUDE_ASYNC_JOB_DIR: path.join(scratch, 'jobs') });
    const version = await run(NPX, ['--offline', 'claude-async', '--version'], { cwd: app, env, timeout: 60_000 });
    expect(version.stdout.trim()).toBe(manifest.version);
    const selftest = await run(NPX, ['--offline', 'claude-async', '--selftest'], { cwd: app, env, timeout: 120_000 });
    expect(selftest.stdout).toMatch(/^ok {4}a job runs to completed with its result/m);
    expect(selftest.stdout.trim().endsWith('selftest passed')).toBe(true);
  }, 180_000);
});
