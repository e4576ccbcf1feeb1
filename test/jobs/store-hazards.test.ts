// Hazards from outside the lifecycle, through a real MCP client: the job directory removed under a running server,
// links planted as a job's files, a job id used again after cleanup, a batch folder that cannot take results, and
// reads that must write nothing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJob } from '../../src/jobs/index.js';
import { jobPaths } from '../../src/jobs/layout.js';
import { STAND_IN_CLAUDE } from '../helpers/job-root.js';
import { callRaw, readJobInternals, startServer, waitForStatus } from '../helpers/mcp-client.js';
import { runCli } from '../helpers/run-cli.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();

describe('the job directory removed under a running server', () => {
  it('is made again by the next start; listing and starting never fail with ENOENT', async () => {
    const server = await startServer(root.current.env());
    const { jobId } = await server.call('claude_start', { prompt: 'before' });
    await waitForStatus(server, String(jobId), ['completed']);
    rmSync(root.current.jobDir, { recursive: true, force: true });
    expect(await server.call('claude_jobs', {})).toMatchObject({ total: 0, jobs: [] });
    const { jobId: after } = await server.call('claude_start', { prompt: 'after' });
    expect((await waitForStatus(server, String(after), ['completed', 'failed'])).status).toBe('completed');
  });
});

describe('links planted in a job directory', () => {
  it('claude\'s log planted as a link to an outside file: the worker refuses it and the file is intact', async () => {
    const outside = path.join(root.current.dir, 'precious.txt');
    writeFileSync(outside, 'keep me');
    const created = await createJob(root.current.jobDir, { prompt: 'x', workFolder: root.current.dir, claudePath: STAND_IN_CLAUDE, claude: { skipPermissions: true }, env: root.current.env(), maxLogBytes: 0 });
    const jobId = created.record!.jobId;
    symlinkSync(outside, jobPaths(root.current.jobDir, jobId).stdout);
    const server = await startServer(root.current.env());
    // The worker's open of claude's log refuses the link (O_NOFOLLOW): the job fails saying so, and the file is intact.
    const view = await waitForStatus(server, jobId, ['failed', 'completed']);
    expect(view).toMatchObject({ status: 'failed', reason: expect.stringMatching(/ELOOP|symbolic link/i) });
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
  });

  it('a cancel of a queued job whose cancel.json is a planted link replaces the link, not the file it points to', async () => {
    const outside = path.join(root.current.dir, 'precious.txt');
    writeFileSync(outside, 'keep me');
    const created = await createJob(root.current.jobDir, { prompt: 'x', workFolder: root.current.dir, claudePath: STAND_IN_CLAUDE, claude: { skipPermissions: true }, env: root.current.env(), maxLogBytes: 0 });
    const paths = jobPaths(root.current.jobDir, created.record!.jobId);
    symlinkSync(path.join(root.current.dir, 'missing-target'), paths.cancel);
    const { cancelJob } = await import('../../src/jobs/index.js');
    await cancelJob(root.current.jobDir, created.record!.jobId);
    expect(existsSync(path.join(root.current.dir, 'missing-target'))).toBe(false);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
  });
});

describe('a job id used again after its job was cleaned up', () => {
  it('shows only the new job\'s activity', async () => {
    const server = await startServer(root.current.env());
    await server.call('claude_start', { prompt: '@tool Write {"file_path":"/w/old.txt"}', jobId: 'again' });
    expect(await waitForStatus(server, 'again', ['completed'])).toMatchObject({ files: ['/w/old.txt'] });
    await server.call('claude_cleanup', { jobId: 'again' });
    await server.call('claude_start', { prompt: 'once', jobId: 'again' });
    const fresh = await waitForStatus(server, 'again', ['completed']);
    expect(fresh.files).toBeUndefined();
  });
});

describe('a batch outputDirectory', () => {
  it('that is a file is refused clearly before any job starts', async () => {
    const file = path.join(root.current.dir, 'not-a-folder');
    writeFileSync(file, '');
    const server = await startServer(root.current.env());
    const refused = await callRaw(server, 'claude_start_batch', { tasks: [{ prompt: 'a' }], outputDirectory: file });
    expect(refused).toMatchObject({ isError: true, text: expect.stringContaining(`outputDirectory '${file}' is a file, not a directory`) });
    expect((await server.call('claude_jobs', {})).total).toBe(0);
  });
});

describe('reads write nothing', () => {
  it('jobs, show, logs and doctor on a job directory that does not exist leave it absent, and leave a 0755 one as it is', async () => {
    const env = root.current.env();
    for (const args of [['jobs'], ['doctor']]) await runCli(args, { env });
    expect(existsSync(root.current.jobDir)).toBe(false);
    mkdirSync(root.current.jobDir, { mode: 0o755 });
    await runCli(['doctor'], { env });
    await runCli(['jobs'], { env });
    expect(statSync(root.current.jobDir).mode & 0o777).toBe(0o755);
  });

  it('a job whose worker died reads orphaned through jobs and show, and nothing is written until a worker records it', async () => {
    const env = root.current.env();
    const created = await createJob(root.current.jobDir, { prompt: 'x', workFolder: root.current.dir, claudePath: STAND_IN_CLAUDE, claude: { skipPermissions: true }, env: {}, maxLogBytes: 0 });
    const jobId = created.record!.jobId;
    const dead = { pid: 2 ** 22 + 11, startTime: '1' };
    writeFileSync(jobPaths(root.current.jobDir, jobId).runner, JSON.stringify({ runner: dead, startedAt: new Date().toISOString(), claude: dead }));
    const before = readdirSync(jobPaths(root.current.jobDir, jobId).dir).sort();
    const show = await runCli(['show', jobId], { env });
    expect(show.stdout).toMatch(/orphaned/);
    expect(JSON.parse((await runCli(['jobs', '--json'], { env })).stdout).jobs).toEqual([expect.objectContaining({ jobId, status: 'orphaned' })]);
    expect(readdirSync(jobPaths(root.current.jobDir, jobId).dir).sort()).toEqual(before);
    expect(existsSync(jobPaths(root.current.jobDir, jobId).exit)).toBe(false);
  });
});

describe('resuming a job with a huge log', () => {
  it('finds the session in the first 64 KiB, whatever follows', async () => {
    const server = await startServer(root.current.env());
    const { jobId } = await server.call('claude_start', { prompt: '@sleep 60000' });
    await waitForStatus(server, String(jobId), ['running']);
    const { stdout } = (await readJobInternals(server, String(jobId))).files;
    await waitFor(() => existsSync(stdout) && readFileSync(stdout, 'utf8').includes('"subtype":"init"'), 'the session id');
    // 600 MB more (a hole): read whole, it would not even fit in a string.
    truncateSync(stdout, 600 * 1024 * 1024);
    const resumed = await callRaw(server, 'claude_start', { prompt: 'go on', resumeJobId: jobId });
    expect(resumed.isError).toBe(false);
    expect(resumed.data).toMatchObject({ parentJobId: jobId });
    await server.call('claude_cancel', { jobId });
  });
});
