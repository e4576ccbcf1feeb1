// claude_start as the user sees it (the tool round trip), and the time until claude itself is running.
import { readFile } from 'node:fs/promises';
import { jobOutputPaths } from '../../src/jobs/index.js';
import { readExecStamp } from './stamp-claude.js';
import { epochMs } from './stats.js';
import { startJobTimed, waitForJobEnd, type BenchStore, type CallSample } from './workspace.js';

export interface StartSample extends CallSample {
  // From the call to the moment claude was exec'd: server, launcher, runner and the spawn between them.
  spawnMs: number;
}

// One start on a quiet machine: the job and its runner are over before this returns.
export async function measureStart(store: BenchStore): Promise<StartSample> {
  const calledAt = epochMs();
  const { jobId, ms, serverCpuMs } = await startJobTimed(store, 'bench start');
  const ended = await waitForJobEnd(store.root.jobDir, jobId);
  if (ended.status !== 'completed') throw new Error(`bench job ${jobId} ended ${ended.status}: ${ended.reason}`);
  const stamp = readExecStamp(await readFile(jobOutputPaths(store.root.jobDir, jobId).stderr, 'utf8'));
  if (stamp === undefined) throw new Error(`job ${jobId} has no exec stamp in its stderr`);
  return { ms, serverCpuMs, spawnMs: stamp - calledAt };
}
