// The memory one runner costs while many jobs run: its proportional set size, so the node binary and libraries
// that all runners share are counted once across them, not once per runner.
import { inspectJob } from '../../src/jobs/index.js';
import { killJobProcesses } from '../../test/helpers/job-root.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { readPssKiB } from './proc.js';
import { startJob, type BenchStore } from './workspace.js';

// Pss of each runner, in MiB, once all `jobs` jobs have claude running.
export async function measureRunnerMemory(store: BenchStore, jobs: number): Promise<number[]> {
  const jobIds = await Promise.all(Array.from({ length: jobs }, (_, i) => startJob(store, `bench memory ${i}\n@sleep 60000`)));
  const runnerPids = await waitFor(
    async () => {
      const snapshots = await Promise.all(jobIds.map((jobId) => inspectJob(store.root.jobDir, jobId)));
      const running = snapshots.filter((s) => s.status === 'running' && s.runner?.claude);
      return running.length === jobs ? running.map((s) => s.runner!.runner.pid) : undefined;
    },
    `${jobs} jobs to run`,
    60_000,
  );
  const pss = runnerPids.map((pid) => readPssKiB(pid));
  await killJobProcesses(store.root.jobDir);
  if (pss.some((kib) => kib === undefined)) throw new Error('a runner ended before its memory was read');
  return pss.map((kib) => kib! / 1024);
}
