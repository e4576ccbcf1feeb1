// A job directory on a full disk (a 1 MiB tmpfs): a start that cannot be written is refused with the system's
// reason and leaves nothing behind, a job whose output fills the disk ends with a status and a reason, and the
// server keeps answering throughout.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killJobProcesses } from '../helpers/job-root.js';
import { callRaw, closeServers, startServer, waitForStatus, type Json } from '../helpers/mcp-client.js';
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
});
