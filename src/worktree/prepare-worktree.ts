// The runner's one call before claude starts, for worktree jobs: make (or find) the worktree, run the
// setupCommand, and say where claude works. A failure is the reason the job ends failed.
import { appendFile } from 'node:fs/promises';
import { makeWorktree } from './make-worktree.js';
import { runSetupCommand } from './run-setup.js';
import { placeWorktree, worktreeCwd } from './place-worktree.js';
import type { WorktreeSpec } from './worktree-spec.js';

export interface WorktreeJob {
  root: string;
  jobId: string;
  workFolder: string;
  worktree?: WorktreeSpec;
  timeoutSeconds?: number;
}

export interface PrepareContext {
  // The job's stderr log: what was done, and the setupCommand's output.
  logFile: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

// A job without a worktree works in its workFolder, as given.
// `outcome` says how the job ends when this fails: timed_out when the setupCommand ran past the job's time limit.
export type PreparedFolder = { cwd: string } | { failed: string; outcome: 'spawn_failed' | 'timed_out' };

export async function prepareWorkFolder(job: WorktreeJob, context: PrepareContext): Promise<PreparedFolder> {
  const spec = job.worktree;
  if (!spec) return { cwd: job.workFolder };
  const place = placeWorktree(job.root, job.jobId, spec);
  const made = await makeWorktree(place, spec).catch((error: Error) => `the worktree could not be made: ${error.message}`);
  if (typeof made === 'string') return { failed: made, outcome: 'spawn_failed' };
  const copied = made.copied.length ? `; copied from .worktreeinclude: ${made.copied.join(', ')}` : '';
  await appendFile(context.logFile, `[claude-async] worktree ${place.path} on branch ${place.branch}${place.fresh ? ` from ${spec.base.slice(0, 12)}` : ' (resumed)'}${copied}\n`, { mode: 0o600 });
  const cwd = worktreeCwd(place, spec);
  if (spec.setupCommand && place.fresh) {
    const failed = await runSetupCommand({
      command: spec.setupCommand,
      cwd,
      env: context.env,
      logFile: context.logFile,
      ...(job.timeoutSeconds ? { timeoutMs: job.timeoutSeconds * 1000 } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (failed) return { failed: failed.reason, outcome: failed.timedOut ? 'timed_out' : 'spawn_failed' };
  }
  return { cwd };
}
