// Job control through the SDK client over stdio: cancel, timeouts, the queue across servers, bounded waits, cheap
// polling, resume, batches, options, nesting depth, cleanup, log cap.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { inspectJob, jobProcessMarkers } from '../../src/jobs/index.js';
import { jobPaths } from '../../src/jobs/layout.js';
import { findProcessesByEnv } from '../../src/process/find-by-env.js';
import { isProcessAlive } from '../../src/process/identity.js';
import { listGroupMembers } from '../../src/process/stop-group.js';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { callRaw, readJobInternals, startServer, waitForClaude, waitForStatus, type Json } from '../helpers/mcp-client.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();

const stdoutOf = async (server: McpSession, view: Json) => readFileSync((await readJobInternals(server, String(view.jobId))).files.stdout, 'utf8');
const initEvent = async (server: McpSession, view: Json) => JSON.parse((await stdoutOf(server, view)).split('\n')[0]!);

describe('claude_cancel', () => {
  it('stops claude, its child and a grandchild whose parent exited', async () => {
    const server = await startServer(root.current.env());
    const { jobId } = await server.call('claude_start', { prompt: '@child\n@orphan\n@sleep 60000' });
    const running = await waitForClaude(server, String(jobId));
    const group = Number(running.pid);
    const members = await waitFor(() => (listGroupMembers(group).length >= 3 ? listGroupMembers(group) : undefined), 'child and orphaned grandchild');
    const answer = await server.call('claude_cancel', { jobId });
    expect(answer).toMatchObject({ jobId, cancelled: true, status: 'cancelled' });
    expect(listGroupMembers(group)).toEqual([]);
    for (const pid of members) expect(isProcessAlive({ pid, startTime: null })).toBe(false);
    const view = await server.call('claude_check', { jobId });
    expect(view).toMatchObject({ status: 'cancelled', reason: 'cancelled on request' });
  });

  it('stops what left claude\'s process group and lost its parent, on cancel and after a normal exit', async () => {
    const server = await startServer(root.current.env());
    const markers = (jobId: unknown) => jobProcessMarkers(root.current.jobDir, String(jobId));
    const running = await server.call('claude_start', { prompt: '@escape\n@sleep 60000' });
    const escaped = await waitFor(() => findProcessesByEnv(markers(running.jobId)).find((pid) => listGroupMembers(pid).includes(pid)), 'the escaped sleep (its own group leader)');
    expect((await server.call('claude_cancel', { jobId: running.jobId })).status).toBe('cancelled');
    expect(isProcessAlive({ pid: escaped, startTime: null })).toBe(false);
    const finished = await server.call('claude_run', { prompt: '@escape', waitSeconds: 20 });
    expect(finished.status).toBe('completed');
    await waitFor(() => findProcessesByEnv(markers(finished.jobId)).length === 0, 'the runner to sweep the escaped sleep after claude exited', 5000);
  });

  it('removes a queued job from the queue; a finished job is a clear no-op', async () => {
    const server = await startServer(root.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: '1' }));
    const first = await server.call('claude_start', { prompt: '@sleep 1000' });
    expect(first).toMatchObject({ status: 'queued' });
    expect(first.queuePosition).toBeUndefined();
    await waitForStatus(server, String(first.jobId), ['running']);
    const queued = await server.call('claude_start', { prompt: 'never runs' });
    expect(queued).toMatchObject({ status: 'queued', queuePosition: 1 });
    expect(await server.call('claude_cancel', { jobId: queued.jobId })).toMatchObject({ cancelled: true, status: 'cancelled', message: 'Removed from the queue; it never started.' });
    await waitForStatus(server, String(first.jobId), ['completed']);
    const view = await server.call('claude_check', { jobId: queued.jobId });
    expect(view).toEqual({ jobId: queued.jobId, status: 'cancelled', reason: 'cancelled while queued; it never started' });
    expect(await readJobInternals(server, String(queued.jobId))).toMatchObject({ runnerPid: undefined });
    expect(await server.call('claude_cancel', { jobId: first.jobId })).toMatchObject({ cancelled: false, status: 'completed', message: 'Job already ended (completed); nothing to cancel.' });
    expect(await server.call('claude_cancel', { jobId: 'nope' })).toMatchObject({ cancelled: false, status: 'unknown' });
  });
});

describe('timeouts', () => {
  it('ends a job past its time limit as timed_out, enforced with no server running', async () => {
    const server = await startServer(root.current.env());
    const { jobId } = await server.call('claude_start', { prompt: '@child\n@sleep 60000', timeoutSeconds: 2 });
    const running = await waitForClaude(server, String(jobId));
    process.kill(server.pid!, 'SIGKILL');
    await waitFor(() => listGroupMembers(Number(running.pid)).length === 0, 'the runner to stop claude at its deadline', 15_000);
    const fresh = await startServer(root.current.env());
    const view = await fresh.call('claude_check', { jobId });
    expect(view).toMatchObject({ status: 'timed_out', reason: 'ran past its time limit of 2 s' });
  });

  it('applies CLAUDE_ASYNC_TIMEOUT_SECONDS when a job gives none', async () => {
    const server = await startServer(root.current.env({ CLAUDE_ASYNC_TIMEOUT_SECONDS: '1' }));
    const { jobId } = await server.call('claude_start', { prompt: '@sleep 60000' });
    await waitForStatus(server, String(jobId), ['timed_out']);
    expect((await inspectJob(root.current.jobDir, String(jobId))).record?.timeoutSeconds).toBe(1);
  });
});

describe('the queue', () => {
  it('runs 40 jobs from two servers with a cap of 3: never more than 3 at once, all complete, once each, in order', async () => {
    const env = root.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: '3' });
    const [a, b] = [await startServer(env), await startServer(env)];
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const running = await b.call('claude_jobs', { status: 'running', limit: 1000 });
        peak = Math.max(peak, (running.jobs as Json[]).length);
        await sleep(20);
      }
    })();
    const starts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a).call('claude_start', { prompt: `job ${i}\n@sleep 150` })));
    process.kill(a.pid!, 'SIGKILL');
    const ids = starts.map((s) => String(s.jobId));
    expect(new Set(ids).size).toBe(40);
    const views = [];
    for (const jobId of ids) views.push(await waitForStatus(b, jobId, ['completed', 'failed'], 60_000));
    sampling = false;
    await sampler;
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
    for (const view of views) {
      expect(view.status).toBe('completed');
      const inits = (await stdoutOf(b, view)).split('\n').filter((l) => l.includes('"subtype":"init"'));
      expect(inits).toHaveLength(1);
    }
    // Claimed in queue order: workers claim one job a pass, the queue's first, under its lock.
    const snapshots = await Promise.all(ids.map((jobId) => inspectJob(root.current.jobDir, jobId)));
    const claims = snapshots.sort((x, y) => x.record!.queueKey.localeCompare(y.record!.queueKey)).map((s) => Date.parse(s.runner!.startedAt));
    expect(claims).toEqual([...claims].sort((x, y) => x - y));
  });
});

describe('a worker that finishes', () => {
  it('claims the next queued job itself, and a late cancel request of its last job does not touch the next', async () => {
    const server = await startServer(root.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: '1' }));
    const first = String((await server.call('claude_start', { prompt: '@sleep 300' })).jobId);
    const second = String((await server.call('claude_start', { prompt: '@sleep 60000' })).jobId);
    await waitForStatus(server, first, ['completed']);
    await waitForClaude(server, second);
    const [one, two] = await Promise.all([first, second].map((jobId) => inspectJob(root.current.jobDir, jobId)));
    expect(two!.runner!.runner).toEqual(one!.runner!.runner);
    // What a claude_cancel of the first job that raced with its end leaves: its request, in the first job's folder.
    writeFileSync(jobPaths(root.current.jobDir, first).cancel, `${JSON.stringify({ requestedAt: new Date().toISOString() })}\n`);
    expect((await server.call('claude_check', { jobId: second, waitSeconds: 2 })).status).toBe('running');
    // The second job's own cancel still works.
    expect((await server.call('claude_cancel', { jobId: second })).status).toBe('cancelled');
  });
});

describe('bounded waits', () => {
  it('claude_check waitSeconds answers within 100 ms of the job ending', async () => {
    const server = await startServer(root.current.env());
    const { jobId } = await server.call('claude_start', { prompt: '@sleep 1500' });
    const view = await server.call('claude_check', { jobId, waitSeconds: 20 });
    const answeredAt = Date.now();
    expect(view.status).toBe('completed');
    const { exit } = await inspectJob(root.current.jobDir, String(jobId));
    expect(answeredAt - Date.parse(String(exit?.endedAt))).toBeLessThan(100);
  });

  it('claude_check waitSeconds gives up when the time is up, with the job still running', async () => {
    const server = await startServer(root.current.env());
    const { jobId } = await server.call('claude_start', { prompt: '@sleep 30000' });
    const before = Date.now();
    const view = await server.call('claude_check', { jobId, waitSeconds: 1 });
    expect(view.status).toBe('running');
    expect(Date.now() - before).toBeGreaterThanOrEqual(1000);
    expect((await callRaw(server, 'claude_check', { jobId, waitSeconds: 51 })).text).toContain('waitSeconds must be at most 50');
  });

  it('claude_wait returns on the first job in any mode and on the last in all mode, sending progress', async () => {
    const server = await startServer(root.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: '0' }));
    const fast = await server.call('claude_start', { prompt: '@sleep 300' });
    const slow = await server.call('claude_start', { prompt: '@sleep 3000' });
    const any = await server.call('claude_wait', { jobIds: [fast.jobId, slow.jobId], mode: 'any', waitSeconds: 20 });
    expect(any).toEqual({ done: true, ended: [{ jobId: fast.jobId, status: 'completed', costUsd: 0.0012 }], pending: [slow.jobId] });
    const progress: string[] = [];
    const all = await server.client.callTool(
      { name: 'claude_wait', arguments: { jobIds: [fast.jobId, slow.jobId], mode: 'all', waitSeconds: 20 } },
      { onprogress: (p: { message?: string }) => progress.push(String(p.message)) },
    );
    expect(all.structuredContent).toMatchObject({ done: true, pending: [] });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatch(/^1 of 2 job\(s\) ended after \d+ s$/);
  });

  it('claude_run returns the result when the job ends in time, else the running job', async () => {
    const server = await startServer(root.current.env());
    const done = await server.call('claude_run', { prompt: 'quick', waitSeconds: 20 });
    expect(done).toMatchObject({ status: 'completed', result: expect.stringContaining('bytes 5') });
    expect(done.exitCode).toBeUndefined();
    const slow = await server.call('claude_run', { prompt: '@sleep 20000', waitSeconds: 1 });
    expect(slow.status).toBe('running');
    expect(slow.jobId).toBeTypeOf('string');
  });
});

describe('cheap polling', () => {
  it('a running job reads as a few hundred bytes of summary; output raw with sinceOffset returns exactly the new bytes', async () => {
    const server = await startServer(root.current.env());
    const prompt = '@tool Write {"file_path":"/w/a.txt","content":"x"}\n@tool Edit {"file_path":"/w/b.ts"}\n@tool Bash {"command":"npm test"}\n@ticks 5 150';
    const { jobId } = await server.call('claude_start', { prompt });
    let offset = 0;
    let collected = '';
    let view: Json;
    let busy: Json | undefined;
    do {
      view = await server.call('claude_check', { jobId, output: 'raw', sinceOffset: offset, tailBytes: 100_000 });
      collected += String(view.output);
      offset = Number(view.nextOffset);
      if (view.status === 'running' && (view.tools as string[] | undefined)?.length === 3) busy ??= await server.call('claude_check', { jobId });
    } while (view.status === 'running' || view.status === 'queued' || view.output !== '');
    expect(collected).toBe(readFileSync((await readJobInternals(server, String(jobId))).files.stdout, 'utf8'));
    expect(busy).toMatchObject({
      status: 'running',
      elapsed: expect.stringMatching(/^\d+s$/),
      tools: ['Write /w/a.txt', 'Edit /w/b.ts', 'Bash: npm test'],
      files: ['/w/a.txt', '/w/b.ts'],
      next: expect.stringContaining('waitSeconds'),
    });
    expect(Buffer.byteLength(JSON.stringify(busy))).toBeLessThanOrEqual(400);
    const done = await server.call('claude_check', { jobId });
    expect(done).toMatchObject({ status: 'completed', costUsd: 0.0012, files: ['/w/a.txt', '/w/b.ts'], result: expect.stringContaining('prompt sha256') });
    expect(done.tools).toBeUndefined();
  });
});

describe('resume', () => {
  it('runs --resume with the parent job\'s session in its folder, or a fork of it', async () => {
    const server = await startServer(root.current.env());
    const parent = await server.call('claude_run', { prompt: 'first', workFolder: root.current.dir, waitSeconds: 20 });
    const sessionId = String(parent.sessionId);
    const child = await server.call('claude_run', { prompt: 'again', resumeJobId: parent.jobId, waitSeconds: 20 });
    expect(child).toMatchObject({ status: 'completed', sessionId });
    expect(await inspectJob(root.current.jobDir, String(child.jobId))).toMatchObject({ record: { parentJobId: parent.jobId, workFolder: root.current.dir } });
    expect((await initEvent(server, child)).args).toEqual(expect.arrayContaining(['--resume', sessionId]));
    const fork = await server.call('claude_run', { prompt: 'fork', resumeJobId: parent.jobId, fork: true, waitSeconds: 20 });
    expect((await initEvent(server, fork)).args).toEqual(expect.arrayContaining(['--resume', sessionId, '--fork-session']));
    expect(fork.sessionId).not.toBe(sessionId);
    expect((await callRaw(server, 'claude_start', { prompt: 'x', resumeJobId: 'missing-job' })).text).toContain("resumeJobId 'missing-job' is not a known job");
  });
});

describe('claude_start_batch', () => {
  it('starts 10 tasks and writes each result (or error) file into outputDirectory', async () => {
    const server = await startServer(root.current.env());
    const out = path.join(root.current.dir, 'results');
    const tasks = Array.from({ length: 10 }, (_, i) => ({ prompt: i % 4 === 3 ? `task ${i}\n@exit 2` : `task ${i}` }));
    const batch = await server.call('claude_start_batch', { tasks, outputDirectory: out, model: 'haiku' });
    const jobs = batch.jobs as Json[];
    expect(jobs.map((j) => j.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await server.call('claude_wait', { jobIds: jobs.map((j) => j.jobId), waitSeconds: 45 });
    const files = readdirSync(out).sort();
    const expected = jobs.map((j, i) => (i % 4 === 3 ? `error-${String(i + 1).padStart(3, '0')}-${j.jobId}.txt` : `result-${String(i + 1).padStart(3, '0')}-${j.jobId}.md`)).sort();
    expect(files).toEqual(expected);
    expect(readFileSync(path.join(out, files.find((f) => f.startsWith('error'))!), 'utf8')).toContain('ended exited with exit code 2');
    expect(readFileSync(path.join(out, files.find((f) => f.startsWith('result-001'))!), 'utf8')).toContain('prompt sha256');
    expect(jobs.every((j) => j.model === 'haiku')).toBe(true);
  });

  it('checks every task before starting any', async () => {
    const server = await startServer(root.current.env());
    const answer = await callRaw(server, 'claude_start_batch', { tasks: [{ prompt: 'fine' }, { prompt: 'bad', workFolder: '/no/such' }] });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain("task 2: workFolder '/no/such' does not exist");
    expect((await server.call('claude_jobs', {})).total).toBe(0);
  });
});

describe('claude options', () => {
  it('passes every option to claude as its flag', async () => {
    const server = await startServer(root.current.env());
    const view = await server.call('claude_run', {
      prompt: 'opts',
      waitSeconds: 20,
      skipPermissions: false,
      permissionMode: 'acceptEdits',
      allowedTools: ['Edit', 'Bash(git *)'],
      disallowedTools: ['Bash(rm *)'],
      appendSystemPrompt: '-be brief',
      maxTurns: 3,
      maxBudgetUsd: 1.5,
      addDirs: [root.current.dir],
      effort: 'high',
      mcpConfig: '{"mcpServers":{"x":{"command":"true"}}}',
    });
    const args = (await initEvent(server, view)).args as string[];
    expect(args).not.toContain('--dangerously-skip-permissions');
    expect(args).toEqual(expect.arrayContaining([
      '--permission-mode', 'acceptEdits', '--allowedTools=Edit,Bash(git *)', '--disallowedTools=Bash(rm *)', '--append-system-prompt=-be brief',
      '--max-turns', '3', '--max-budget-usd', '1.5', `--add-dir=${root.current.dir}`, '--effort', 'high',
      '--mcp-config={"mcpServers":{"x":{"command":"true"}}}', '--strict-mcp-config',
    ]));
  });

  it.each<[string, Json, string]>([
    ['an unknown permission mode', { permissionMode: 'yolo' }, 'permissionMode must be one of: default, acceptEdits'],
    ['an unknown effort', { effort: 'huge' }, 'effort must be one of: low, medium, high, xhigh, max'],
    ['zero turns', { maxTurns: 0 }, 'maxTurns must be at least 1'],
    ['a negative budget', { maxBudgetUsd: -1 }, 'maxBudgetUsd must be more than 0'],
    ['a relative addDir', { addDirs: ['src'] }, 'each of addDirs must be an absolute path'],
    ['a missing addDir', { addDirs: ['/no/such/dir'] }, "addDirs entry '/no/such/dir' does not exist"],
    ['mcpConfig that is not JSON', { mcpConfig: '{nope' }, 'mcpConfig is not valid JSON'],
    ['a zero timeout', { timeoutSeconds: 0 }, 'timeoutSeconds must be at least 1'],
    ['fork without a session', { fork: true }, 'fork needs resumeJobId or sessionId'],
    ['a tool rule with a newline', { allowedTools: ['Edit\nBash'] }, 'each of allowedTools must be one line'],
    ['tool rules as a string', { disallowedTools: 'Bash' }, 'disallowedTools must be a list of tool rules'],
  ])('refuses %s', async (_, options, message) => {
    const server = await startServer(root.current.env());
    const answer = await callRaw(server, 'claude_start', { prompt: 'x', ...options });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain(message);
  });
});

describe('nesting depth', () => {
  it('tells each job its depth and refuses to start past CLAUDE_ASYNC_MAX_DEPTH', async () => {
    const top = await startServer(root.current.env());
    expect((await initEvent(top, await top.call('claude_run', { prompt: 'x', waitSeconds: 20 }))).depth).toBe('1');
    const nested = await startServer(root.current.env({ CLAUDE_ASYNC_DEPTH: '2' }));
    const answer = await callRaw(nested, 'claude_start', { prompt: 'x' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('nested 2 deep (CLAUDE_ASYNC_DEPTH=2), and CLAUDE_ASYNC_MAX_DEPTH is 2');
  });
});

describe('claude_cleanup and the log cap', () => {
  it('removes finished jobs only', async () => {
    const server = await startServer(root.current.env());
    const done = await server.call('claude_run', { prompt: 'x', waitSeconds: 20 });
    const running = await server.call('claude_start', { prompt: '@sleep 30000' });
    expect((await callRaw(server, 'claude_cleanup', {})).text).toContain('Say what to remove');
    expect(await server.call('claude_cleanup', { jobId: running.jobId })).toMatchObject({ removed: [] });
    expect(await server.call('claude_cleanup', { olderThanHours: 0 })).toMatchObject({ removed: [{ jobId: done.jobId, status: 'completed' }] });
    expect(await server.call('claude_check', { jobId: done.jobId })).toMatchObject({ status: 'unknown' });
    expect((await server.call('claude_jobs', {})).total).toBe(1);
  });

  it('keeps a log under CLAUDE_ASYNC_MAX_LOG_MB, marking the cut and keeping the end', async () => {
    const server = await startServer(root.current.env({ CLAUDE_ASYNC_MAX_LOG_MB: '1' }));
    const { jobId } = await server.call('claude_start', { prompt: '@bytes 6000000\n@sleep 3000' });
    const view = await waitForStatus(server, String(jobId), ['completed']);
    const stdout = (await readJobInternals(server, String(jobId))).files.stdout;
    expect(statSync(stdout).size).toBeLessThan(1.1 * 1024 * 1024);
    expect(readFileSync(stdout, 'utf8').split('\n')[0]).toMatch(/^\{"type":"claude_async_cut","bytes":\d+/);
    expect(view.result).toEqual(expect.stringContaining('prompt sha256'));
  });
});
