// Fills a job directory with finished jobs through the job store's own API, the way runners leave them.
import { spawnSync } from 'node:child_process';
import { claimNextJob, createJob, recordExit, type ExitRecord, type ProcessRef } from '../../src/jobs/index.js';

const BATCH = 64;

// A runner that has exited: its pid with a start time no live process has, so nothing ever signals it.
function deadRunner(): ProcessRef {
  const { pid } = spawnSync('true');
  return { pid: pid ?? 1, startTime: '0' };
}

// One job in ten failed, as in real use.
function finishedExit(index: number): ExitRecord {
  const failed = index % 10 === 0;
  const result = { subtype: failed ? 'error_during_execution' : 'success', isError: failed, result: `seeded answer ${index}`, sessionId: `seed-session-${index}`, numTurns: 3, costUsd: 0.02, durationMs: 60_000 };
  return {
    outcome: 'exited',
    endedAt: new Date().toISOString(),
    exitCode: failed ? 1 : 0,
    signal: null,
    ...(failed ? { reason: `claude exited with code 1: seeded answer ${index}` } : {}),
    result,
  };
}

// Every job is created, then claimed through the queue as a worker would and ended: the store holds them as workers
// leave them, with no queue or slot entries behind.
export async function seedFinishedJobs(root: string, count: number, workFolder: string, claudePath: string): Promise<void> {
  const worker = deadRunner();
  const seedOne = async (index: number) => {
    const created = await createJob(root, { prompt: `seeded job ${index}: summarize the changes`, workFolder, claudePath, claude: { skipPermissions: true }, env: {}, maxLogBytes: 0 });
    if (!created.record) throw new Error(`seeding job ${index} failed: ${created.reason}`);
  };
  for (let start = 0; start < count; start += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => seedOne(start + i)));
  }
  for (let index = 0; index < count; index += 1) {
    const claimed = await claimNextJob(root, { maxParallel: 0, worker, deadline: Date.now() + 10_000 });
    if (!claimed) throw new Error(`seeded job ${index} could not be claimed`);
    await recordExit(root, claimed.jobId, finishedExit(index));
  }
}
