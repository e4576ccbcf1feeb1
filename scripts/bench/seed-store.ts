// Fills a job directory with finished jobs through the job store's own API, the way runners leave them.
import { spawnSync } from 'node:child_process';
import { claimJob, createJob, promoteQueue, recordExit, type ExitRecord, type ProcessRef } from '../../src/jobs/index.js';

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

export async function seedFinishedJobs(root: string, count: number, workFolder: string, claudePath: string): Promise<void> {
  const runner = deadRunner();
  const seedOne = async (index: number) => {
    const created = await createJob(root, { prompt: `seeded job ${index}: summarize the changes`, workFolder, claudePath, claude: { skipPermissions: true } });
    if (!created.record) throw new Error(`seeding job ${index} failed: ${created.reason}`);
    const { jobId } = created.record;
    if (!(await claimJob(root, jobId, runner))) throw new Error(`seeded job ${jobId} was claimed twice`);
    await recordExit(root, jobId, finishedExit(index));
  };
  for (let start = 0; start < count; start += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => seedOne(start + i)));
  }
  // createJob queued every job; one promotion sees them all ended and drops their queue entries.
  await promoteQueue(root, { maxParallel: 0, launch: (jobId) => { throw new Error(`seeded job ${jobId} was launched`); } });
}
