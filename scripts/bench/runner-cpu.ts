// The runner's CPU while its claude prints a lot: claude writes into the log file itself, so the runner should
// only wake at the start and the end.
import { inspectJob } from '../../src/jobs/index.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { readCpuMs } from './proc.js';
import { startJob, waitForJobEnd, type BenchStore } from './workspace.js';

export const OUTPUT_PACE_MS = 5000;

export interface CpuSample {
  // All of the runner's CPU, its start included, and the part after claude was running.
  runnerCpuMs: number;
  afterSpawnCpuMs: number;
  // From the runner's claim to the exit record.
  wallMs: number;
}

// Follows the runner's CPU until the process is gone; the last reading stands for its total.
async function followCpu(pid: number, claudeStarted: () => Promise<boolean>): Promise<{ total: number; atSpawn: number }> {
  let total = 0;
  let atSpawn: number | undefined;
  await waitFor(
    async () => {
      const cpu = readCpuMs(pid);
      if (cpu === undefined) return true;
      total = cpu;
      if (atSpawn === undefined && (await claudeStarted())) atSpawn = cpu;
      return false;
    },
    `runner ${pid} to end`,
    120_000,
    2,
  );
  return { total, atSpawn: atSpawn ?? total };
}

export async function measureRunnerCpu(store: BenchStore, outputBytes: number): Promise<CpuSample> {
  const { jobDir } = store.root;
  // Spread over 5 s: a working claude prints its output over minutes, not in one burst.
  const jobId = await startJob(store, `bench cpu\n@bytes ${outputBytes}\n@pace ${OUTPUT_PACE_MS}`);
  const claimed = await waitFor(async () => (await inspectJob(jobDir, jobId)).runner, `job ${jobId} to be claimed`, 20_000, 1);
  const cpu = await followCpu(claimed.runner.pid, async () => Boolean((await inspectJob(jobDir, jobId)).runner?.claude));
  const ended = await waitForJobEnd(jobDir, jobId);
  if (ended.status !== 'completed' || !ended.exit || !ended.runner) throw new Error(`bench job ${jobId} ended ${ended.status}: ${ended.reason}`);
  const wallMs = Date.parse(ended.exit.endedAt) - Date.parse(ended.runner.startedAt);
  return { runnerCpuMs: cpu.total, afterSpawnCpuMs: cpu.total - cpu.atSpawn, wallMs };
}
