// The tasks extension over a bare JSON-RPC client on stdio (the SDK's client cannot drive it): discovery, a task made
// by claude_run once its job is recorded, tasks/get from another server process, failures, cancels, error codes.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { jobPaths } from '../../../src/jobs/layout.js';
import { readRequest, recordRequest } from '../../../src/permissions/request-files.js';
import { closeRawServers, startRawServer, TASKS_EXTENSION, type Message } from '../../helpers/raw-rpc.js';
import { useTestRoot } from '../../helpers/test-root-hooks.js';
import { waitFor } from '../../helpers/wait-for.js';

const root = useTestRoot();
afterEach(() => closeRawServers());

const DAY_MS = 24 * 60 * 60 * 1000;

async function createTask(env: Record<string, string>, prompt: string) {
  const server = startRawServer(env);
  const answer = await server.request('tools/call', { name: 'claude_run', arguments: { prompt } }, { tasks: true });
  return { server, task: answer.result! };
}

async function waitForTask(env: Record<string, string>, taskId: string, statuses: string[]): Promise<Record<string, unknown>> {
  const server = startRawServer(env);
  return waitFor(async () => {
    const answer = await server.request('tasks/get', { taskId }, { tasks: true });
    return statuses.includes(String(answer.result?.status)) ? answer.result : undefined;
  }, `task ${taskId} to be ${statuses.join('|')}`, 20_000, 200);
}

describe('the tasks extension', () => {
  it('is advertised in server/discover', async () => {
    const server = startRawServer(root.current.env());
    const discovered = await server.request('server/discover');
    expect(discovered.result?.capabilities).toMatchObject({ tools: {}, extensions: { [TASKS_EXTENSION]: {} } });
  });

  it('makes claude_run a task once its job is recorded, and a new server process follows it to its result', async () => {
    const env = root.current.env({ CLAUDE_ASYNC_RETENTION_DAYS: '2' });
    const { server, task } = await createTask(env, 'make me a task\n@sleep 800');
    expect(task).toMatchObject({ resultType: 'task', status: 'working', pollIntervalMs: 3000, createdAt: expect.any(String), lastUpdatedAt: expect.any(String) });
    const taskId = String(task.taskId);
    // Durable before the answer: the job's record was on disk when the task was handed out.
    expect(existsSync(jobPaths(root.current.jobDir, taskId).record)).toBe(true);
    expect(Number(task.ttlMs)).toBeGreaterThanOrEqual(2 * DAY_MS);
    expect(Number(task.ttlMs)).toBeLessThan(2 * DAY_MS + 60_000);
    server.close();

    const done = await waitForTask(env, taskId, ['completed', 'failed', 'cancelled']);
    expect(done).toMatchObject({ taskId, status: 'completed', resultType: 'complete' });
    const result = done.result as { content: Array<{ type: string; text: string }>; structuredContent: Record<string, unknown>; isError?: boolean };
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({ jobId: taskId, status: 'completed', result: expect.stringContaining('prompt sha256') });
    // What a task notification hands the model: claude's answer, then one line of facts.
    expect(result.content[0]!.text).toMatch(new RegExp(`^prompt sha256 [0-9a-f]{64} bytes \\d+\\n\\n\\[claude-async job ${taskId} completed \\{.*\\}\\]$`));
    expect(Date.parse(String(done.lastUpdatedAt))).toBeGreaterThan(Date.parse(String(done.createdAt)));
  });

  it('reports a failed job as completed with isError, and says why in its text', async () => {
    const env = root.current.env({ CLAUDE_ASYNC_RETENTION_DAYS: '0' });
    const { task } = await createTask(env, '@stderr boom\n@exit 3');
    expect(task.ttlMs).toBeNull();
    const done = await waitForTask(env, String(task.taskId), ['completed', 'cancelled', 'failed']);
    expect(done).toMatchObject({ status: 'completed', ttlMs: null, result: { isError: true, structuredContent: { status: 'failed', exitCode: 3 } } });
    expect(JSON.stringify(done.result)).toContain('claude exited with code 3');
  });

  it('cancels a task through tasks/cancel: acknowledged at once, then cancelled', async () => {
    const env = root.current.env();
    const { server, task } = await createTask(env, '@sleep 60000');
    const taskId = String(task.taskId);
    await waitFor(async () => String((await server.request('tasks/get', { taskId }, { tasks: true })).result?.statusMessage).startsWith('running '), 'the job to run', 20_000, 100);
    const ack = await server.request('tasks/cancel', { taskId }, { tasks: true });
    expect(ack.result).toMatchObject({ resultType: 'complete' });
    const cancelled = await waitForTask(env, taskId, ['cancelled', 'completed']);
    expect(cancelled).toMatchObject({ status: 'cancelled', statusMessage: 'cancelled on request' });
  });

  it('answers the protocol errors: -32021 without the capability, -32602 for an unknown task', async () => {
    const env = root.current.env();
    const { server, task } = await createTask(env, 'x');
    const taskId = String(task.taskId);
    const refusals: Array<[string, Record<string, unknown>, boolean, number]> = [
      ['tasks/get', { taskId }, false, -32021],
      ['tasks/cancel', { taskId }, false, -32021],
      ['tasks/update', { taskId, inputResponses: {} }, false, -32021],
      ['tasks/get', { taskId: 'no-such-task' }, true, -32602],
      ['tasks/cancel', { taskId: 'no-such-task' }, true, -32602],
      ['tasks/update', { taskId: 'no-such-task', inputResponses: {} }, true, -32602],
      ['tasks/get', {}, true, -32602],
    ];
    for (const [method, params, tasks, code] of refusals) {
      const answer: Message = await server.request(method, params, { tasks });
      expect({ method, params, tasks, code: answer.error?.code }).toEqual({ method, params, tasks, code });
      if (code === -32021) expect(answer.error?.data).toEqual({ requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } });
    }
    expect((await server.request('tasks/get', { taskId: 'no-such-task' }, { tasks: true })).error?.message).toBe("No task 'no-such-task': no such job");
    // A known task takes updates (none are outstanding without approvals): an empty acknowledgement.
    expect((await server.request('tasks/update', { taskId, inputResponses: { a: {} } }, { tasks: true })).result).toMatchObject({ resultType: 'complete' });
  });

  it('gives plain answers to a request that does not declare it, to claude_start, and to claude_run input it refuses', async () => {
    const server = startRawServer(root.current.env());
    const run = await server.request('tools/call', { name: 'claude_run', arguments: { prompt: 'plain', waitSeconds: 20 } }, { tasks: false });
    expect(run.result).toMatchObject({ resultType: 'complete', structuredContent: { status: 'completed' } });
    const start = await server.request('tools/call', { name: 'claude_start', arguments: { prompt: 'plain start' } }, { tasks: true });
    expect(start.result).toMatchObject({ resultType: 'complete', structuredContent: { status: 'queued' } });
    const refused = await server.request('tools/call', { name: 'claude_run', arguments: { prompt: 'x', workFolder: '/no/such/dir' } }, { tasks: true });
    expect(refused.result).toMatchObject({ resultType: 'complete', isError: true, content: [{ type: 'text', text: "workFolder '/no/such/dir' does not exist. Give the absolute path of an existing directory." }] });
    const invalid = await server.request('tools/call', { name: 'claude_run', arguments: { prompt: '' } }, { tasks: true });
    expect(invalid.result).toMatchObject({ resultType: 'complete', isError: true });
    expect(JSON.stringify(invalid.result)).toContain('prompt must not be empty');
  });

  it('shows a permission request as input_required with an elicitation form, and tasks/update answers it', async () => {
    const env = root.current.env();
    const server = startRawServer(env);
    const answer = await server.request('tools/call', { name: 'claude_run', arguments: { prompt: '@sleep 60000', askPermissions: true } }, { tasks: true });
    const taskId = String(answer.result!.taskId);
    await waitFor(async () => String((await server.request('tasks/get', { taskId }, { tasks: true })).result?.statusMessage).startsWith('running '), 'the job to run', 20_000, 100);
    // What the job's permission relay does when claude asks.
    const dir = jobPaths(root.current.jobDir, taskId).dir;
    await recordRequest(dir, { tool: 'Bash', input: { command: 'rm -rf build' } }, 600);
    const waiting = (await server.request('tasks/get', { taskId }, { tasks: true })).result!;
    expect(waiting).toMatchObject({
      status: 'input_required',
      inputRequests: {
        'perm-1': {
          method: 'elicitation/create',
          params: { mode: 'form', message: 'The job asks to use Bash: {"command":"rm -rf build"}', requestedSchema: { type: 'object', required: ['allow'] } },
        },
      },
    });
    const ack = await server.request('tasks/update', { taskId, inputResponses: { 'perm-1': { action: 'accept', content: { allow: false, message: 'not in this repo' } } } }, { tasks: true });
    expect(ack.result).toMatchObject({ resultType: 'complete' });
    expect((await readRequest(dir, 'perm-1'))?.answer).toMatchObject({ allow: false, message: 'not in this repo', by: 'caller' });
    expect((await server.request('tasks/get', { taskId }, { tasks: true })).result).toMatchObject({ status: 'working' });
    // An answer to a request that no longer waits is ignored, and the first answer stands.
    await server.request('tasks/update', { taskId, inputResponses: { 'perm-1': { action: 'accept', content: { allow: true } } } }, { tasks: true });
    expect((await readRequest(dir, 'perm-1'))?.answer).toMatchObject({ allow: false });
    await server.request('tasks/cancel', { taskId }, { tasks: true });
  });
});
