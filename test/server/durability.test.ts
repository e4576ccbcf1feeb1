// Jobs outlive the server: a host that kills the server's whole process tree does not kill them, and a runner that
// dies is reported orphaned with its claude stopped, never "running" forever.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { startServer, waitForClaude, waitForStatus } from '../helpers/mcp-client.js';
import { waitFor } from '../helpers/wait-for.js';
import { isProcessAlive } from '../../src/process/identity.js';
import { listGroupMembers } from '../../src/process/stop-group.js';

const testRoot = useTestRoot();

// Every descendant of pid, as a host that kills "the whole tree" would find them (by parent pid).
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const visit = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      visit(c);
    }
  };
  visit(pid);
  return found;
}

it('keeps 5 jobs running when the server and its whole process tree are SIGKILLed; a new server reports them', async () => {
  const server = await startServer(testRoot.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: '0' }));
  const codes = [0, 0, 3, 0, 5];
  const started = await Promise.all(codes.map((code) => server.call('claude_start', { prompt: `@sleep 2500\n@exit ${code}` })));
  const jobIds = started.map((s) => String(s.jobId));
  for (const jobId of jobIds) await waitForClaude(server, jobId);

  const serverPid = server.pid!;
  const tree = [serverPid, ...descendants(serverPid)];
  for (const pid of tree) process.kill(pid, 'SIGKILL');

  const fresh = await startServer(testRoot.current.env());
  for (const [i, jobId] of jobIds.entries()) {
    const view = await waitForStatus(fresh, jobId, ['completed', 'failed', 'orphaned']);
    expect({ jobId, status: view.status, exitCode: view.exitCode }).toEqual({ jobId, status: codes[i] === 0 ? 'completed' : 'failed', exitCode: codes[i] === 0 ? undefined : codes[i] });
  }
});

it('reports a job whose runner was SIGKILLed as orphaned and stops its claude group', async () => {
  const server = await startServer(testRoot.current.env());
  const { jobId } = await server.call('claude_start', { prompt: '@child\n@sleep 60000' });
  const running = await waitForClaude(server, String(jobId));
  const claudePid = Number(running.pid);
  await waitFor(() => listGroupMembers(claudePid).length >= 2, 'the grandchild to start');
  process.kill(Number(running.runnerPid), 'SIGKILL');

  const view = await waitForStatus(server, String(jobId), ['orphaned'], 10_000);
  expect(String(view.reason)).toContain(`the worker (pid ${running.runnerPid}) died without recording how claude ended`);
  await waitFor(() => listGroupMembers(claudePid).length === 0, 'claude and its grandchild to be stopped', 10_000);
  expect(isProcessAlive({ pid: claudePid, startTime: null })).toBe(false);
  // Said once and kept: the orphaning is recorded, so the answer does not change.
  expect((await server.call('claude_check', { jobId })).status).toBe('orphaned');
});
