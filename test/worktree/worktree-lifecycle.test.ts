// A worktree's life with real git in a temporary repository: planned (or refused), made with the .worktreeinclude
// files, set up, described, and removed with its branch kept or dropped.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorktree } from '../../src/worktree/make-worktree.js';
import { prepareWorkFolder } from '../../src/worktree/prepare-worktree.js';
import { describeWorktree, placeWorktree, planWorktree, removeWorktree, type WorktreeSpec } from '../../src/worktree/index.js';
import { git, makeGitRepo } from '../helpers/git-repo.js';

let dir: string;
let repo: string;
let root: string;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'worktree-test-')));
  repo = makeGitRepo(path.join(dir, 'repo'));
  root = path.join(dir, 'jobs');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function plan(workFolder = repo, request = {}): Promise<WorktreeSpec> {
  const spec = await planWorktree(workFolder, request);
  if (typeof spec === 'string') throw new Error(spec);
  return spec;
}

describe('planWorktree', () => {
  it('records the repository, the subfolder and HEAD as the base', async () => {
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    expect(await plan()).toEqual({ repo, subdir: '', base: head });
    expect(await plan(path.join(repo, 'pkg'), { setupCommand: 'npm ci' })).toEqual({ repo, subdir: 'pkg', base: head, setupCommand: 'npm ci' });
  });

  it('resolves a named base to its commit', async () => {
    const first = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'tag', 'v1');
    writeFileSync(path.join(repo, 'shared.txt'), 'later\n');
    git(repo, 'commit', '-qam', 'later');
    expect(await plan(repo, { base: 'v1' })).toMatchObject({ base: first, baseRef: 'v1' });
  });

  it.each([
    ['a folder outside any repository', () => ({ folder: dir }), /^worktree: true needs workFolder to be inside a git repository, and '.+' is not/],
    ['a repository without commits', () => {
      const empty = path.join(dir, 'empty');
      mkdirSync(empty);
      git(empty, 'init', '-q');
      return { folder: empty };
    }, /has no commit yet, so there is nothing to make a worktree from/],
    ['a base that does not exist', () => ({ folder: repo, base: 'no-such-branch' }), /^base 'no-such-branch' is not a commit in the repository at/],
    ['a base that reads as an option', () => ({ folder: repo, base: '--output=/tmp/x' }), /^base '--output=\/tmp\/x' is not a git ref/],
    ['a base with a space', () => ({ folder: repo, base: 'main extra' }), /^base 'main extra' is not a git ref/],
  ])('refuses %s, saying why', async (_, setup, message) => {
    const { folder, base } = setup() as { folder: string; base?: string };
    expect(await planWorktree(folder, base === undefined ? {} : { base })).toMatch(message);
  });
});

describe('makeWorktree and prepareWorkFolder', () => {
  it('makes the branch from the base outside the checkout, copies only ignored files that .worktreeinclude names', async () => {
    writeFileSync(path.join(repo, '.worktreeinclude'), '.env\nshared.txt\nbuild/\n');
    mkdirSync(path.join(repo, 'build'));
    writeFileSync(path.join(repo, 'build', 'out.js'), 'built\n');
    writeFileSync(path.join(repo, 'untracked-not-ignored.txt'), 'x\n');
    const spec = await plan();
    const place = placeWorktree(root, 'job-1', spec);
    expect(place).toEqual({ path: path.join(root, 'worktrees', 'job-1'), branch: 'claude-async/job-1', fresh: true });

    const made = await makeWorktree(place, spec);
    expect(made).toEqual({ copied: ['.env', 'build/out.js'] });
    expect(readFileSync(path.join(place.path, '.env'), 'utf8')).toBe('SECRET=local\n');
    expect(existsSync(path.join(place.path, 'untracked-not-ignored.txt'))).toBe(false);
    expect(git(place.path, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('claude-async/job-1');
    // The checkout shows only what this test did to it.
    expect(git(repo, 'status', '--porcelain')).toBe(' M .worktreeinclude\n?? untracked-not-ignored.txt\n');
    // Made again (a runner that restarted), it is found in place.
    expect(await makeWorktree(place, spec)).toEqual({ copied: [] });
  });

  it('runs the setupCommand in claude\'s folder of the worktree with its output in the log, and fails with it', async () => {
    const log = path.join(dir, 'stderr.log');
    const spec = await plan(path.join(repo, 'pkg'), { setupCommand: 'pwd && echo oops >&2 && exit 4' });
    const prepared = await prepareWorkFolder({ root, jobId: 'job-2', workFolder: path.join(repo, 'pkg'), worktree: spec }, { logFile: log, env: process.env });
    const cwd = path.join(root, 'worktrees', 'job-2', 'pkg');
    expect(prepared).toEqual({ failed: `setupCommand \`pwd && echo oops >&2 && exit 4\` exited with code 4: ${cwd}\noops`, outcome: 'spawn_failed' });
    expect(readFileSync(log, 'utf8')).toContain(`[claude-async] setupCommand: pwd && echo oops >&2 && exit 4\n${cwd}\noops\n[claude-async] setupCommand exited with code 4\n`);

    const fine = await prepareWorkFolder({ root, jobId: 'job-3', workFolder: repo, worktree: await plan(repo, { setupCommand: 'true' }) }, { logFile: log, env: process.env });
    expect(fine).toEqual({ cwd: path.join(root, 'worktrees', 'job-3') });
    expect(await prepareWorkFolder({ root, jobId: 'job-4', workFolder: repo }, { logFile: log, env: process.env })).toEqual({ cwd: repo });
  });

  it('stops a setupCommand past the time limit, or when the job is cancelled', async () => {
    const log = path.join(dir, 'stderr.log');
    const timed = await prepareWorkFolder(
      { root, jobId: 'job-5', workFolder: repo, timeoutSeconds: 1, worktree: await plan(repo, { setupCommand: 'sleep 30' }) },
      { logFile: log, env: process.env },
    );
    expect(timed).toEqual({ failed: "setupCommand `sleep 30` ran past the job's time limit of 1 s (it printed nothing)", outcome: 'timed_out' });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const cancelled = await prepareWorkFolder({ root, jobId: 'job-6', workFolder: repo, worktree: await plan(repo, { setupCommand: 'echo started; sleep 30' }) }, { logFile: log, env: process.env, signal: stop.signal });
    expect(cancelled).toEqual({ failed: 'setupCommand `echo started; sleep 30` was stopped: the job was cancelled: started', outcome: 'spawn_failed' });
  });

  it('reuses a resumed job\'s worktree as it is, and says so when cleanup removed it', async () => {
    const spec = await plan();
    const owner = placeWorktree(root, 'job-7', spec);
    await makeWorktree(owner, spec);
    const resumed = placeWorktree(root, 'job-8', { ...spec, path: owner.path, branch: owner.branch });
    expect(resumed).toEqual({ ...owner, fresh: false });
    expect(await makeWorktree(resumed, spec)).toEqual({ copied: [] });
    rmSync(owner.path, { recursive: true });
    expect(await makeWorktree(resumed, spec)).toMatch(/no longer exists: it was removed by cleanup\. Start a new job with worktree: true and base "claude-async\/job-7"/);
  });
});

describe('describeWorktree and removeWorktree', () => {
  it('counts commits, lists changed files committed or not, and keeps a branch with commits on removal', async () => {
    const spec = await plan();
    const place = placeWorktree(root, 'job-9', spec);
    await makeWorktree(place, spec);
    writeFileSync(path.join(place.path, 'shared.txt'), 'changed\n');
    git(place.path, 'commit', '-qam', 'change');
    writeFileSync(path.join(place.path, 'new file.txt'), 'new\n');
    git(place.path, 'mv', 'pkg/README', 'pkg/READ-ME');

    expect(await describeWorktree(place, spec)).toEqual({
      path: place.path,
      branch: place.branch,
      base: spec.base,
      exists: true,
      commits: 1,
      changedFiles: ['new file.txt', 'pkg/READ-ME', 'shared.txt'],
      uncommitted: 2,
    });
    expect(await removeWorktree(place, spec, false)).toEqual({ path: place.path, branch: place.branch, removed: true, branchKept: true, commits: 1 });
    expect(existsSync(place.path)).toBe(false);
    expect(git(repo, 'worktree', 'list')).not.toContain(place.path);
    expect(await describeWorktree(place, spec)).toMatchObject({ exists: false, commits: 1, changedFiles: ['shared.txt'], uncommitted: 0 });
    expect(await removeWorktree(place, spec, true)).toMatchObject({ removed: true, branchKept: false });
    expect(git(repo, 'branch', '--list', place.branch)).toBe('');
  });

  it('drops a branch with nothing on it', async () => {
    const spec = await plan();
    const place = placeWorktree(root, 'job-10', spec);
    await makeWorktree(place, spec);
    expect(await removeWorktree(place, spec, false)).toEqual({ path: place.path, branch: place.branch, removed: true, branchKept: false, commits: 0 });
  });
});
