// Answering a request in the job store: a waiting request of a live job takes one answer and the job is
// input_required until then; a second answer, an unknown request or a job that has ended is refused, saying why.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { claimNextJob, createJob, inspectJob, jobOutputPaths, recordExit } from '../../src/jobs/index.js';
import { answerRequest } from '../../src/permissions/answer-request.js';
import { boundInput, describePendingRequests } from '../../src/permissions/describe-requests.js';
import { recordRequest } from '../../src/permissions/request-files.js';
import { describeProcess } from '../../src/process/identity.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';

const root = useTestRoot();
const runners: ChildProcess[] = [];

afterEach(() => {
  for (const runner of runners.splice(0)) runner.kill('SIGKILL');
});

// A job whose runner is a live stand-in process (the test root's cleanup kills it by pid too).
async function makeRunningJob(): Promise<{ jobId: string; dir: string }> {
  const jobDir = root.current.jobDir;
  const made = await createJob(jobDir, { prompt: 'ask me', workFolder: root.current.dir, claudePath: '/bin/true', claude: { skipPermissions: false, askPermissions: true }, env: {}, maxLogBytes: 0 });
  const jobId = made.record!.jobId;
  const runner = spawn('sleep', ['60'], { stdio: 'ignore' });
  runners.push(runner);
  // Claimed through the queue, as a worker would, with the sleep standing in for the worker.
  const claimed = await claimNextJob(jobDir, { maxParallel: 0, worker: describeProcess(runner.pid!), deadline: Date.now() + 5000 });
  expect(claimed?.jobId).toBe(jobId);
  return { jobId, dir: jobOutputPaths(jobDir, jobId).dir };
}

describe('answerRequest', () => {
  it('takes one answer for a waiting request, and the job is input_required only while one waits', async () => {
    const jobDir = root.current.jobDir;
    const { jobId, dir } = await makeRunningJob();
    expect((await inspectJob(jobDir, jobId)).status).toBe('running');
    await recordRequest(dir, { tool: 'Bash', input: { command: 'npm test' } }, 600);
    expect((await inspectJob(jobDir, jobId)).status).toBe('input_required');
    expect(await describePendingRequests(dir)).toEqual([
      { requestId: 'perm-1', kind: 'permission', tool: 'Bash', input: { command: 'npm test' }, askedAt: expect.any(String), timeoutAt: expect.any(String) },
    ]);

    const outcome = await answerRequest(jobDir, jobId, 'perm-1', { allow: false, message: 'not now' });
    expect(outcome).toMatchObject({ answered: true, tool: 'Bash', answer: { allow: false, message: 'not now', by: 'caller' } });
    expect((await inspectJob(jobDir, jobId)).status).toBe('running');
    const again = await answerRequest(jobDir, jobId, 'perm-1', { allow: true });
    expect(again).toEqual({ answered: false, refusal: expect.stringMatching(/^Request 'perm-1' of job '.+' was already answered at .+ \(denied\); this answer was not used\.$/) });
    expect(await answerRequest(jobDir, jobId, 'perm-2', { allow: true })).toEqual({ answered: false, refusal: `Job '${jobId}' has no request 'perm-2'. It waits for no request now.` });
  });

  it('refuses a request of a job that has ended: it no longer waits', async () => {
    const jobDir = root.current.jobDir;
    const { jobId, dir } = await makeRunningJob();
    await recordRequest(dir, { tool: 'Write', input: { file_path: '/x' } }, 600);
    await recordExit(jobDir, jobId, { outcome: 'cancelled', endedAt: new Date().toISOString(), exitCode: null, signal: null, reason: 'cancelled on request' });
    expect(await answerRequest(jobDir, jobId, 'perm-1', { allow: true })).toEqual({ answered: false, refusal: `Request 'perm-1' no longer waits: job '${jobId}' has ended (cancelled).` });
  });

  it('numbers requests in order and lists only the waiting ones', async () => {
    const { jobId, dir } = await makeRunningJob();
    for (const command of ['a', 'b', 'c']) await recordRequest(dir, { tool: 'Bash', input: { command } }, 600);
    await answerRequest(root.current.jobDir, jobId, 'perm-2', { allow: true });
    expect((await describePendingRequests(dir)).map((request) => request.requestId)).toEqual(['perm-1', 'perm-3']);
    expect(await answerRequest(root.current.jobDir, jobId, 'perm-7', { allow: true })).toMatchObject({ refusal: `Job '${jobId}' has no request 'perm-7'. It waits for: perm-1, perm-3.` });
  });
});

describe('boundInput', () => {
  it('cuts long strings and replaces a huge input with a preview', () => {
    expect(boundInput({ command: 'ls', nested: { list: ['x'.repeat(1500)] } })).toEqual({ command: 'ls', nested: { list: [`${'x'.repeat(1000)}… (1500 characters in all)`] } });
    const huge = boundInput(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'y'.repeat(900)])));
    expect(Object.keys(huge)).toEqual(['preview', 'note']);
    expect(String(huge.preview)).toHaveLength(4001);
  });
});
