// A git worktree per job, with the real Claude Code CLI against the Messages API stand-in: parallel jobs in one
// repository each commit on their own branch, the user's checkout and `git status` stay as they were, a failing
// setupCommand fails the job with its output, a resume runs in the same worktree, cleanup keeps a branch with work.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectJob } from '../../src/jobs/index.js';
import { routeScripts } from '../fixtures/messages-api.js';
import { readEvents, useE2eBed, type Bed } from '../helpers/e2e-bed.js';
import { git, makeGitRepo } from '../helpers/git-repo.js';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { callRaw, readJobInternals, type Json } from '../helpers/mcp-client.js';

const bed = useE2eBed();

function makeRepo(tb: Bed): string {
  return makeGitRepo(path.join(tb.workDir, 'repo'));
}

function commitTurn(content: string, file = 'shared.txt') {
  const command = `printf '${content}\\n' > ${file} && git add -A && git commit -qm '${content}'`;
  // The delay keeps both jobs in flight at once.
  return { text: 'Committing.', toolUse: { name: 'Bash', input: { command, description: 'Commit the change' } }, delayMs: 1500 };
}

async function initCwd(server: McpSession, view: Json): Promise<string> {
  const init = readEvents((await readJobInternals(server, String(view.jobId))).files.stdout).find((event) => event.type === 'system' && event.subtype === 'init');
  return String(init?.cwd);
}

describe('real claude jobs in worktrees', () => {
  it('runs two jobs in one repository at once, each committing its own content to the same file on its own branch', async () => {
    const tb = await bed.create([]);
    const repo = makeRepo(tb);
    tb.api.setScript(routeScripts([
      { match: 'JOB-A', turns: [commitTurn('from A'), { text: 'A committed.' }] },
      { match: 'JOB-B', turns: [commitTurn('from B', '../shared.txt'), { text: 'B committed.' }] },
    ]));
    const server = await tb.startServer();
    const a = await server.call('claude_start', { jobId: 'wt-a', prompt: 'JOB-A: change shared.txt', workFolder: repo, worktree: true });
    const b = await server.call('claude_start', { jobId: 'wt-b', prompt: 'JOB-B: change shared.txt', workFolder: path.join(repo, 'pkg'), worktree: true });
    const doneA = await server.call('claude_check', { jobId: a.jobId, waitSeconds: 45 });
    const doneB = await server.call('claude_check', { jobId: b.jobId, waitSeconds: 45 });

    expect(doneA).toMatchObject({ status: 'completed', result: 'A committed.' });
    expect(doneB).toMatchObject({ status: 'completed', result: 'B committed.' });
    // At once: each started before the other ended.
    const [snapA, snapB] = await Promise.all(['wt-a', 'wt-b'].map((jobId) => inspectJob(tb.root.jobDir, jobId)));
    expect(Date.parse(String(snapA!.runner?.startedAt))).toBeLessThan(Date.parse(String(snapB!.exit?.endedAt)));
    expect(Date.parse(String(snapB!.runner?.startedAt))).toBeLessThan(Date.parse(String(snapA!.exit?.endedAt)));
    const pathA = path.join(tb.root.jobDir, 'worktrees', 'wt-a');
    const pathB = path.join(tb.root.jobDir, 'worktrees', 'wt-b');
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    expect(doneA.worktree).toEqual({ path: pathA, branch: 'claude-async/wt-a', base, exists: true, commits: 1, changedFiles: ['shared.txt'], uncommitted: 0 });
    expect(doneB.worktree).toEqual({ path: pathB, branch: 'claude-async/wt-b', base, exists: true, commits: 1, changedFiles: ['shared.txt'], uncommitted: 0 });
    // The subfolder of workFolder is claude's folder within the worktree.
    expect((await initCwd(server, doneA))).toBe(pathA);
    expect((await initCwd(server, doneB))).toBe(path.join(pathB, 'pkg'));

    // The user's checkout is as it was, and git status shows nothing new.
    expect(readFileSync(path.join(repo, 'shared.txt'), 'utf8')).toBe('original\n');
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(git(repo, 'show', 'claude-async/wt-a:shared.txt')).toBe('from A\n');
    expect(git(repo, 'show', 'claude-async/wt-b:shared.txt')).toBe('from B\n');
    // .worktreeinclude carried the ignored .env into each worktree.
    expect(readFileSync(path.join(pathA, '.env'), 'utf8')).toBe('SECRET=local\n');

    const cleaned = await server.call('claude_cleanup', { jobId: 'wt-a' });
    expect(cleaned.removed).toEqual([{ jobId: 'wt-a', status: 'completed', worktree: { path: pathA, branch: 'claude-async/wt-a', removed: true, branchKept: true, commits: 1 } }]);
    expect(existsSync(pathA)).toBe(false);
    expect(git(repo, 'worktree', 'list', '--porcelain')).not.toContain(pathA);
    expect(git(repo, 'show', 'claude-async/wt-a:shared.txt')).toBe('from A\n');
    const dropped = await server.call('claude_cleanup', { jobId: 'wt-b', deleteBranch: true });
    expect(dropped.removed).toEqual([{ jobId: 'wt-b', status: 'completed', worktree: expect.objectContaining({ removed: true, branchKept: false }) }]);
    expect(git(repo, 'branch', '--list', 'claude-async/*')).toBe('  claude-async/wt-a\n');
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  }, 120_000);

  it('fails the job with the setupCommand\'s output when it fails, before claude starts', async () => {
    const tb = await bed.create([{ text: 'never asked' }]);
    const repo = makeRepo(tb);
    const server = await tb.startServer();
    const setupCommand = 'echo preparing && echo broken dependency >&2 && exit 3';
    const view = await server.call('claude_run', { prompt: 'Work.', workFolder: repo, worktree: true, setupCommand, waitSeconds: 45 });

    expect(view.status).toBe('failed');
    expect(view.reason).toBe(`setupCommand \`${setupCommand}\` exited with code 3: preparing\nbroken dependency`);
    const transcript = await server.call('claude_check', { jobId: view.jobId, output: 'transcript' });
    expect(String(transcript.output)).toContain('preparing\nbroken dependency\n[claude-async] setupCommand exited with code 3');
    expect(tb.api.traffic).toEqual([]);
    expect(view.worktree).toMatchObject({ exists: true, commits: 0 });
  });

  it('runs the setupCommand in the worktree first, and a resume in the same worktree and session', async () => {
    const tb = await bed.create([]);
    const repo = makeRepo(tb);
    tb.api.setScript([{ text: 'First.', toolUse: { name: 'Bash', input: { command: 'cat setup.out', description: 'Read' } } }, { text: 'First done.' }, { text: 'Second done.' }]);
    const server = await tb.startServer();
    const first = await server.call('claude_run', { prompt: 'Start.', workFolder: repo, worktree: true, setupCommand: 'echo set up > setup.out', waitSeconds: 45 });
    expect(first).toMatchObject({ status: 'completed', worktree: { uncommitted: 1, changedFiles: ['setup.out'] } });
    const worktree = first.worktree as Json;
    const results = tb.api.requests.flatMap((request) => request.body.messages).flatMap((message) => (typeof message.content === 'string' ? [] : message.content));
    expect(results.some((block) => block.type === 'tool_result' && JSON.stringify(block.content).includes('set up'))).toBe(true);

    const second = await server.call('claude_run', { prompt: 'Go on.', resumeJobId: first.jobId, waitSeconds: 45 });
    expect(second).toMatchObject({ status: 'completed', sessionId: first.sessionId, worktree: { path: worktree.path, branch: worktree.branch } });
    expect((await inspectJob(tb.root.jobDir, String(second.jobId))).record?.parentJobId).toBe(first.jobId);
    expect((await initCwd(server, second))).toBe(worktree.path);
    // The worktree outlives the first job's cleanup while the resumed job still uses it.
    const kept = await server.call('claude_cleanup', { jobId: first.jobId });
    expect(kept.removed).toEqual([{ jobId: first.jobId, status: 'completed', worktree: expect.objectContaining({ removed: false, note: `kept: job(s) ${String(second.jobId)} still use it` }) }]);
    expect(existsSync(String(worktree.path))).toBe(true);
    const gone = await server.call('claude_cleanup', { jobId: second.jobId });
    expect(gone.removed).toEqual([{ jobId: second.jobId, status: 'completed', worktree: expect.objectContaining({ removed: true, branchKept: false, commits: 0 }) }]);
  }, 120_000);

  it('refuses worktree: true outside a git repository, saying so', async () => {
    const tb = await bed.create([]);
    const server = await tb.startServer();
    const refused = await callRaw(server, 'claude_start', { prompt: 'Work.', workFolder: tb.workDir, worktree: true });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(new RegExp(`^worktree: true needs workFolder to be inside a git repository, and '${tb.workDir}' is not \\(git: fatal: not a git repository.*\\)\\. Run \`git init\` there and commit, or leave worktree out\\.$`, 's'));
    const stray = await callRaw(server, 'claude_start', { prompt: 'Work.', setupCommand: 'npm ci' });
    expect(stray.text).toBe('base and setupCommand belong to worktree: true; add it, or leave them out');
  });
});
