// Worktree jobs through the server with the stand-in claude: a batch sharing worktree and setupCommand gets one
// worktree per task (a task may opt out), claude runs in each, `show` says where the work is, and `prune` removes
// the worktrees with the jobs, keeping a branch that holds commits.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { findProcessesWithEnv } from '../helpers/e2e-bed.js';
import { git, makeGitRepo } from '../helpers/git-repo.js';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { callRaw, readJobInternals, startServer, waitForStatus, type Json } from '../helpers/mcp-client.js';
import { cliEnv, killClis, runCli } from '../helpers/run-cli.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();
afterEach(() => killClis());

async function initCwd(server: McpSession, view: Json): Promise<string> {
  const init = readFileSync((await readJobInternals(server, String(view.jobId))).files.stdout, 'utf8').split('\n').map((line) => JSON.parse(line || '{}') as Json).find((event) => event.subtype === 'init');
  return String(init?.cwd);
}

it('gives each task of a batch its own worktree and setup, one task opting out, and prune takes them away', async () => {
  const repo = makeGitRepo(path.join(root.current.dir, 'repo'));
  const server = await startServer(root.current.env());
  const batch = await server.call('claude_start_batch', {
    workFolder: repo,
    worktree: true,
    setupCommand: 'echo ready > setup.out',
    tasks: [{ prompt: 'one' }, { prompt: 'two' }, { prompt: 'three', worktree: false }],
  });
  const ids = (batch.jobs as Json[]).map((job) => String(job.jobId));
  const views = await Promise.all(ids.map((jobId) => waitForStatus(server, jobId, ['completed', 'failed'])));
  expect(views.map((view) => `${view.status}${view.status === 'failed' ? `: ${String(view.reason)}` : ''}`)).toEqual(['completed', 'completed', 'completed']);
  const [one, two, three] = views as [Json, Json, Json];
  const places = [one, two].map((view) => path.join(root.current.jobDir, 'worktrees', String(view.jobId)));
  expect([(await initCwd(server, one)), (await initCwd(server, two)), (await initCwd(server, three))]).toEqual([...places, repo]);
  expect(one.worktree).toMatchObject({ path: places[0], branch: `claude-async/${one.jobId}`, commits: 0, changedFiles: ['setup.out'], uncommitted: 1 });
  expect(three.worktree).toBeUndefined();
  expect(readFileSync(path.join(places[1]!, 'setup.out'), 'utf8')).toBe('ready\n');
  expect(git(repo, 'status', '--porcelain')).toBe('');

  // The first job's branch gets a commit, as a job that committed its work would leave it.
  git(places[0]!, 'add', '-A');
  git(places[0]!, 'commit', '-qm', 'work');
  const env = cliEnv(root.current);
  const shown = await runCli(['show', String(one.jobId)], { env });
  expect(shown.stdout).toMatch(new RegExp(`worktree +${places[0]!.replace(/[.]/g, '\\.')} on claude-async/${one.jobId}: 1 commit\\(s\\), 1 file\\(s\\) changed, 0 uncommitted\\n`));

  const pruned = await runCli(['prune', '--older-than', '0'], { env });
  expect(pruned.code).toBe(0);
  expect(pruned.stdout).toContain(`  ${one.jobId}: worktree ${places[0]} removed; branch claude-async/${one.jobId} kept (1 commit(s))\n`);
  expect(pruned.stdout).toContain(`  ${two.jobId}: worktree ${places[1]} removed; branch claude-async/${two.jobId} deleted\n`);
  expect(git(repo, 'branch', '--list', 'claude-async/*').trim()).toBe(`claude-async/${one.jobId}`);
  expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
});

it('ends a job timed_out when its setupCommand runs past the time limit, and cancelled when cancelled during it', async () => {
  const repo = makeGitRepo(path.join(root.current.dir, 'repo'));
  const server = await startServer(root.current.env());
  const slow = await server.call('claude_start', { prompt: 'x', workFolder: repo, worktree: true, setupCommand: 'sleep 30', timeoutSeconds: 1 });
  const timed = await waitForStatus(server, String(slow.jobId), ['timed_out', 'failed']);
  expect(timed).toMatchObject({ status: 'timed_out', reason: "setupCommand `sleep 30` ran past the job's time limit of 1 s (it printed nothing)" });
  const other = await server.call('claude_start', { prompt: 'x', workFolder: repo, worktree: true, setupCommand: 'echo setting up; sleep 30' });
  await waitFor(async () => String((await server.call('claude_check', { jobId: other.jobId, output: 'transcript' })).output).includes('setting up'), 'the setup to start');
  expect(findProcessesWithEnv(`CLAUDE_ASYNC_JOB_ID=${String(other.jobId)}`).length).toBeGreaterThan(0);
  expect(await server.call('claude_cancel', { jobId: other.jobId })).toMatchObject({ cancelled: true, status: 'cancelled' });
  expect(await server.call('claude_check', { jobId: other.jobId })).toMatchObject({ status: 'cancelled', reason: 'cancelled on request' });
  // The setup's shell and its sleep went with it (they carry the job's markers).
  await waitFor(() => findProcessesWithEnv(`CLAUDE_ASYNC_JOB_ID=${String(other.jobId)}`).length === 0, 'the setup processes to end', 5_000);
  await waitFor(() => findProcessesWithEnv(`CLAUDE_ASYNC_JOB_ID=${String(slow.jobId)}`).length === 0, 'the timed-out setup to end', 5_000);
});

it('resumes in the parent\'s worktree, and refuses once that worktree is gone or with another workFolder', async () => {
  const repo = makeGitRepo(path.join(root.current.dir, 'repo'));
  const server = await startServer(root.current.env());
  const parent = await server.call('claude_start', { prompt: 'first', workFolder: path.join(repo, 'pkg'), worktree: true });
  const first = await waitForStatus(server, String(parent.jobId), ['completed']);
  const worktree = first.worktree as Json;
  const child = await server.call('claude_start', { prompt: 'again', resumeJobId: parent.jobId });
  const second = await waitForStatus(server, String(child.jobId), ['completed']);
  expect(second.worktree).toMatchObject({ path: worktree.path, branch: worktree.branch });
  expect((await initCwd(server, second))).toBe(path.join(String(worktree.path), 'pkg'));
  const elsewhere = await callRaw(server, 'claude_start', { prompt: 'x', resumeJobId: parent.jobId, workFolder: repo });
  expect(elsewhere.text).toBe(`job '${parent.jobId}' ran in a worktree of ${path.join(repo, 'pkg')}; its resume runs there, so leave workFolder out`);
  rmSync(String(worktree.path), { recursive: true });
  const gone = await callRaw(server, 'claude_start', { prompt: 'x', resumeJobId: parent.jobId });
  expect(gone.text).toBe(
    `the worktree of job '${parent.jobId}' (${worktree.path}) was removed by cleanup, so its session cannot be resumed there. ` +
      `Its branch ${worktree.branch} may remain: start a new job with worktree: true and base "${worktree.branch}".`,
  );
});

it('respond refuses a decision other than allow or deny, and a job that never asked', async () => {
  const server = await startServer(root.current.env());
  const { jobId } = await server.call('claude_start', { prompt: 'x' });
  await waitForStatus(server, String(jobId), ['completed']);
  const env = cliEnv(root.current);
  const maybe = await runCli(['respond', String(jobId), 'perm-1', 'maybe'], { env });
  expect(maybe.code).toBe(1);
  expect(maybe.stderr).toContain("expected allow or deny, got 'maybe'.");
  const none = await runCli(['respond', String(jobId), 'perm-1', 'allow'], { env });
  expect(none).toMatchObject({ code: 1, stderr: `claude-async: Job '${jobId}' has no request 'perm-1'. It waits for no request now.\n` });
});
