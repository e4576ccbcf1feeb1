// What Claude Desktop installs: the .mcpb that `npm run bundle` writes. Anthropic's own bundle tool validates and
// unpacks it; the server then starts exactly as the manifest says (its ${__dirname} and ${user_config.*} filled in by
// the same tool's code Desktop uses, a thin environment, the `node` Desktop brings standing in as ours) and runs a
// job with the stand-in claude.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getMcpConfigForManifest, type McpbManifestAny } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/package-root.js';
import { STAND_IN_CLAUDE } from '../helpers/job-root.js';
import { waitFor } from '../helpers/wait-for.js';

const run = promisify(execFile);
const repo = findPackageRoot();
const version = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version as string;
const MCPB = path.join(repo, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');

let scratch: string;
let bundleLine: string;
let unpacked: string;
let manifest: McpbManifestAny;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'claude-async-bundle-test-'));
  const built = await run(process.execPath, [path.join(repo, 'dist', 'scripts', 'bundle.js'), scratch], { cwd: repo, timeout: 120_000 });
  bundleLine = built.stdout.trim();
  unpacked = path.join(scratch, 'unpacked');
  await run(process.execPath, [MCPB, 'unpack', path.join(scratch, `claude-async-${version}.mcpb`), unpacked], { timeout: 60_000 });
  manifest = JSON.parse(readFileSync(path.join(unpacked, 'manifest.json'), 'utf8'));
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Every file below dir, relative to it.
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('the .mcpb bundle', () => {
  it('is written with its size said, and its manifest passes mcpb validate', async () => {
    expect(bundleLine).toMatch(new RegExp(`^${scratch}/claude-async-${version.replace(/\./g, '\\.')}\\.mcpb \\(\\d+\\.\\d MB\\)$`));
    const validated = await run(process.execPath, [MCPB, 'validate', path.join(unpacked, 'manifest.json')]);
    expect(validated.stdout).toContain('Manifest schema validation passes');
    expect(manifest).toMatchObject({
      manifest_version: '0.3',
      version,
      server: { type: 'node', entry_point: 'dist/src/cli/main.js', mcp_config: { command: 'node', args: ['${__dirname}/dist/src/cli/main.js'] } },
    });
    expect(Object.keys(manifest.user_config ?? {})).toEqual(['claude_cli', 'job_dir', 'default_folder', 'max_parallel', 'is_sandbox']);
    expect(manifest.user_config?.claude_cli?.type).toBe('file');
  });

  it('holds only what runs: no sources, tests, maps or development packages', () => {
    const files = listFiles(unpacked);
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('dist/runner/main.js');
    expect(files).toContain('node_modules/@modelcontextprotocol/server/package.json');
    const strays = files.filter((file) => /^(src|test|scripts)\/|\.(map|[cm]?ts)$/.test(file));
    expect(strays).toEqual([]);
    const packages = new Set(files.filter((file) => file.startsWith('node_modules/')).map((file) => file.split('/').slice(1, file.startsWith('node_modules/@') ? 3 : 2).join('/')));
    for (const dev of ['vitest', 'typescript', 'esbuild', '@anthropic-ai/claude-code', '@anthropic-ai/mcpb', 'playwright-core', 'react']) expect(packages.has(dev), dev).toBe(false);
  });

  it('starts as the manifest says, in a thin environment, and runs a job with the settings chosen', async () => {
    const home = path.join(scratch, 'home');
    const work = path.join(scratch, 'work');
    mkdirSync(home);
    mkdirSync(work);
    const config = await getMcpConfigForManifest({
      manifest,
      extensionPath: unpacked,
      systemDirs: { HOME: home, DESKTOP: home, DOCUMENTS: home, DOWNLOADS: home },
      userConfig: { claude_cli: STAND_IN_CLAUDE, job_dir: path.join(scratch, 'jobs'), default_folder: work, max_parallel: 2 },
      pathSeparator: '/',
    });
    expect(config?.command).toBe('node');
    // Desktop runs `node` with the Node it ships; ours stands in for it. PATH is the short one a Dock app gets.
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: config!.args ?? [],
      env: { PATH: '/usr/bin:/bin', HOME: home, ...config!.env },
      stderr: 'pipe',
    });
    expect(config!.env).toMatchObject({ IS_SANDBOX: 'false', CLAUDE_ASYNC_MAX_PARALLEL: '2', CLAUDE_ASYNC_DEFAULT_CWD: work });
    const client = new Client({ name: 'bundle-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const started = await client.callTool({ name: 'claude_start', arguments: { prompt: 'hello from the bundle' } });
      const { jobId } = started.structuredContent as { jobId: string };
      await waitFor(async () => {
        const view = (await client.callTool({ name: 'claude_check', arguments: { jobId } })).structuredContent as { status: string };
        return view.status === 'completed';
      }, 'the bundled server to complete a job');
      // In the folder and the job directory the bundle's settings chose.
      const listed = (await client.callTool({ name: 'claude_jobs', arguments: {} })).structuredContent as { jobs: Array<{ jobId: string; workFolder: string }> };
      expect(listed.jobs.find((job) => job.jobId === jobId)?.workFolder).toBe(work);
      expect(existsSync(path.join(scratch, 'jobs', 'jobs', jobId, 'job.json'))).toBe(true);
    } finally {
      await client.close();
      if (transport.pid) {
        try {
          process.kill(transport.pid, 'SIGKILL');
        } catch {
          // Exited on close.
        }
      }
    }
  }, 60_000);
});
