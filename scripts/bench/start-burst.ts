// Many starts back to back from one client: how fast they are taken, and that every one is kept.
import { cancelJob, listJobs, TERMINAL_STATUSES } from '../../src/jobs/index.js';
import { callRaw } from '../../test/helpers/mcp-client.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { startJobTimed, type BenchStore } from './workspace.js';

export interface BurstResult {
  startsPerSecond: number;
  serverCpuMsPerStart: number;
  listed: number;
  distinct: number;
  // Listed jobs in a status a fresh job may have (queued, running, completed).
  healthy: number;
}

const HEALTHY = new Set(['queued', 'running', 'completed']);

// Ends what the burst left queued or running, so its jobs do not run on into the next measurement.
async function endBurst(jobDir: string): Promise<void> {
  const { jobs } = await listJobs(jobDir, { limit: 100_000 });
  for (const job of jobs) if (!TERMINAL_STATUSES.has(job.status)) await cancelJob(jobDir, job.jobId);
  await waitFor(async () => (await listJobs(jobDir, { limit: 100_000 })).jobs.every((job) => TERMINAL_STATUSES.has(job.status)), 'the burst to end', 60_000, 100);
}

// `jobSeconds`: how long each job's claude takes; 0 makes the runners churn through jobs during the burst.
export async function measureStartBurst(store: BenchStore, starts: number, jobSeconds: number): Promise<BurstResult> {
  const began = performance.now();
  const jobIds: string[] = [];
  let serverCpuMs = 0;
  for (let i = 0; i < starts; i += 1) {
    const call = await startJobTimed(store, `bench burst ${i}${jobSeconds > 0 ? `\n@sleep ${jobSeconds}` : ''}`);
    jobIds.push(call.jobId);
    serverCpuMs += call.serverCpuMs;
  }
  const elapsedMs = performance.now() - began;
  const listing = await callRaw(store.server, 'claude_jobs', { limit: 1000 });
  const listed = (listing.data?.jobs as Array<{ jobId: string; status: string }> | undefined) ?? [];
  await endBurst(store.root.jobDir);
  return {
    startsPerSecond: (starts * 1000) / elapsedMs,
    serverCpuMsPerStart: serverCpuMs / starts,
    listed: listed.length,
    distinct: new Set([...jobIds, ...listed.map((job) => job.jobId)]).size,
    healthy: listed.filter((job) => HEALTHY.has(job.status)).length,
  };
}
