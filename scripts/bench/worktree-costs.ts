// What a worktree job costs beyond a plain one: the start to claude running (git worktree add and the
// .worktreeinclude copy happen in between), and claude_check, which asks git for the branch's commits and the
// worktree's changes on every call.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { jobOutputPaths } from '../../src/jobs/index.js';
import { git, makeGitRepo } from '../../test/helpers/git-repo.js';
import { readExecStamp } from './stamp-claude.js';
import { epochMs, sampleInterleaved } from './stats.js';
import { callTimed, waitForJobEnd, type BenchStore, type CallSample } from './workspace.js';

export interface WorktreeSamples {
  plainSpawnMs: number[];
  worktreeSpawnMs: number[];
  checks: CallSample[];
}

async function startToClaude(store: BenchStore, args: Record<string, unknown>): Promise<{ jobId: string; spawnMs: number }> {
  const calledAt = epochMs();
  const call = await callTimed(store, 'claude_start', args);
  if (call.answer.isError || !call.answer.data) throw new Error(`claude_start refused: ${call.answer.text}`);
  const jobId = String(call.answer.data.jobId);
  const ended = await waitForJobEnd(store.root.jobDir, jobId);
  if (ended.status !== 'completed') throw new Error(`bench job ${jobId} ended ${ended.status}: ${ended.reason}`);
  const stamp = readExecStamp(await readFile(jobOutputPaths(store.root.jobDir, jobId).stderr, 'utf8'));
  if (stamp === undefined) throw new Error(`job ${jobId} has no exec stamp in its stderr`);
  return { jobId, spawnMs: stamp - calledAt };
}

export async function measureWorktreeCosts(store: BenchStore, startRuns: number, checkRuns: number): Promise<WorktreeSamples> {
  const repo = makeGitRepo(path.join(store.root.dir, 'bench-repo'));
  const [plain, worktree] = await sampleInterleaved(
    [() => startToClaude(store, { prompt: 'bench plain', workFolder: repo }), () => startToClaude(store, { prompt: 'bench worktree', workFolder: repo, worktree: true })],
    startRuns,
  );
  // The job checked has a commit on its branch and a change left uncommitted, as a job's work would.
  const checked = worktree!.at(-1)!.jobId;
  const place = path.join(store.root.jobDir, 'worktrees', checked);
  git(place, 'commit', '-q', '--allow-empty', '-m', 'work');
  git(place, 'rm', '-q', 'pkg/README');
  const checks: CallSample[] = [];
  for (let i = 0; i < checkRuns; i += 1) {
    const { answer, ms, serverCpuMs } = await callTimed(store, 'claude_check', { jobId: checked });
    if (answer.isError || (answer.data?.worktree as { commits?: number } | undefined)?.commits !== 1) throw new Error(`claude_check of ${checked} answered: ${answer.text.slice(0, 300)}`);
    checks.push({ ms, serverCpuMs });
  }
  return { plainSpawnMs: plain!.map((s) => s.spawnMs), worktreeSpawnMs: worktree!.map((s) => s.spawnMs), checks };
}
