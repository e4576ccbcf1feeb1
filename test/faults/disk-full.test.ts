// A job directory on a full disk (a 1 MiB tmpfs): a start that cannot be written is refused with the system's
// reason and leaves nothing behind, a job whose output fills the disk ends with a status and a reason, and the
// server keeps answering throughout.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, watch, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killJobProcesses } from '../helpers/job-root.js';
import { callRaw, closeServers, readJobInternals, startServer, waitForClaude, waitForStatus, type Json } from '../helpers/mcp-client.js';
import { isProcessAlive } from '../../src/process/identity.js';
import { waitFor } from '../helpers/wait-for.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';

const root = useTestRoot();
let mountPoint: string | undefined;

function mountTinyDisk(dir: string): string | undefined {
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch (error) {
    // Not root, or no mount in this sandbox: the tests below say so rather than pass.
    process.stderr.write(`disk-full tests skipped: cannot mount a tmpfs (${(error as Error).message.split('\n')[0]})\n`);
    return undefined;
  }
}

beforeEach(() => {
  mountPoint = mountTinyDisk(path.join(root.current.dir, 'tiny'));
});

// Runs before useTestRoot's cleanup (hooks run in reverse): nothing may hold the mount when it goes.
afterEach(async () => {
  if (!mountPoint) return;
  await closeServers();
  await killJobProcesses(path.join(mountPoint, 'jobs'));
  try {
    execFileSync('umount', [mountPoint], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
  }
});

const serverOnTinyDisk = () => startServer(root.current.env({ CLAUDE_ASYNC_JOB_DIR: path.join(mountPoint!, 'jobs') }));

describe('a full disk', () => {
  it('refuses a start whose prompt does not fit, with ENOSPC, leaving no job; a small one then runs', async (context) => {
    if (!mountPoint) return context.skip();
    const server = await serverOnTinyDisk();
    const refused = await callRaw(server, 'claude_start', { prompt: 'x'.repeat(2 * 1024 * 1024) });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/ENOSPC|no space left/i);
    expect((await server.call('claude_jobs', {})).total).toBe(0);
    const { jobId } = await server.call('claude_start', { prompt: 'small' });
    expect((await waitForStatus(server, String(jobId), ['completed', 'failed'])).status).toBe('completed');
  });

  it('ends a job whose output fills the disk with a status and a reason, and keeps answering', async (context) => {
    if (!mountPoint) return context.skip();
    const server = await serverOnTinyDisk();
    const { jobId } = await server.call('claude_start', { prompt: '@bytes 3000000' });
    const view = await waitForStatus(server, String(jobId), ['completed', 'failed', 'orphaned', 'unknown']);
    expect(view).toMatchObject({ status: expect.toBeOneOf(['failed', 'orphaned']), reason: expect.any(String) });
    // The reason names the cause, whether claude saw the full disk first or the runner died of it.
    expect(String(view.reason)).toMatch(/is full \(\d+ bytes free\)|ENOSPC|no space left/i);
    expect(((await server.call('claude_jobs', {})).jobs as Json[]).map((job) => job.status)).toEqual([view.status]);
    await server.client.ping();
  });

  // Fills the tiny disk to its last byte; returns the way to give the space back.
  function fillDisk(): () => void {
    const filler = path.join(mountPoint!, 'filler');
    const block = Buffer.alloc(4096, 1);
    const fd = openSync(filler, 'w');
    try {
      for (;;) writeSync(fd, block);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(fd);
    }
    return () => rmSync(filler, { force: true });
  }

  it('a disk full for a second as claude exits: the worker keeps trying, and the job ends completed once it can', async (context) => {
    if (!mountPoint) return context.skip();
    // A claude that prints its result, then exits once told to (the go file is off the tiny disk).
    const go = path.join(root.current.dir, 'go');
    const claude = path.join(root.current.dir, 'result-then-wait');
    writeFileSync(claude, `#!/bin/sh\ncat >/dev/null\necho '{"type":"result","subtype":"success","is_error":false,"result":"done","session_id":"s"}'\nwhile [ ! -e '${go}' ]; do sleep 0.05; done\n`, { mode: 0o755 });
    const server = await startServer(root.current.env({ CLAUDE_ASYNC_JOB_DIR: path.join(mountPoint!, 'jobs'), CLAUDE_CLI_PATH: claude }));
    const { jobId } = await server.call('claude_start', { prompt: 'x' });
    const running = await waitForClaude(server, String(jobId));
    await waitFor(async () => String((await server.call('claude_check', { jobId, output: 'raw' })).output).includes('"result"'), 'the result to be printed');
    // The worker's tries to record the end show as temp files of exit.json made in the job's folder.
    const tries: string[] = [];
    const watcher = watch(path.join(mountPoint!, 'jobs', 'jobs', String(jobId)), (_event, file) => void (file && /^exit\.json\..+\.tmp$/.test(String(file)) && tries.push(String(file))));
    const freeSpace = fillDisk();
    try {
      writeFileSync(go, '');
      await waitFor(() => !isProcessAlive({ pid: Number(running.pid), startTime: null }), 'claude to exit onto the full disk');
      await waitFor(() => new Set(tries).size >= 2, 'the worker to try twice to record the end');
      // The worker lives and knows the end: the job reads running, not orphaned, while the disk is full.
      expect((await server.call('claude_check', { jobId })).status).toBe('running');
    } finally {
      watcher.close();
      freeSpace();
    }
    const view = await waitForStatus(server, String(jobId), ['completed', 'failed', 'orphaned'], 20_000);
    expect(view.status).toBe('completed');
    const exit = JSON.parse(readFileSync(path.join((await readJobInternals(server, String(jobId))).files.dir, 'exit.json'), 'utf8')) as { reason?: string };
    expect(exit.reason).toMatch(/^recording the end failed \d+ time\(s\), last with ENOSPC$/);
  });

  it('a batch whose outputDirectory fills up: the job says the result file could not be written, and why', async (context) => {
    if (!mountPoint) return context.skip();
    const server = await startServer(root.current.env());
    const { jobs } = await server.call('claude_start_batch', { tasks: [{ prompt: '@sleep 500' }], outputDirectory: mountPoint });
    const jobId = String((jobs as Json[])[0]!.jobId);
    await waitForClaude(server, jobId);
    const freeSpace = fillDisk();
    try {
      const view = await waitForStatus(server, jobId, ['completed', 'failed'], 20_000);
      expect(view).toMatchObject({ status: 'completed', outputError: expect.stringMatching(new RegExp(`^the result file could not be written to ${mountPoint}: .*ENOSPC`)) });
    } finally {
      freeSpace();
    }
  });
});
