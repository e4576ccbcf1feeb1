// claude_check on a small log and on a 2 GiB one: reading by position must make them cost the same.
import { jobOutputPaths } from '../../src/jobs/index.js';
import { inflateLog, padLog } from './sparse-log.js';
import { sampleInterleaved } from './stats.js';
import { callTimed, startJob, waitForJobEnd, type BenchStore, type CallSample } from './workspace.js';

export interface CheckSamples {
  small: CallSample[];
  huge: CallSample[];
  // The first check of the huge log by this server, before anything it caches about the job exists.
  hugeFirst: CallSample;
}

const HUGE_LOG_BYTES = 2 * 1024 ** 3;

async function startFinishedJob(store: BenchStore, prompt: string): Promise<string> {
  const jobId = await startJob(store, prompt);
  await waitForJobEnd(store.root.jobDir, jobId);
  return jobId;
}

function checkJob(store: BenchStore, jobId: string): () => Promise<CallSample> {
  return async () => {
    const { answer, ms, serverCpuMs } = await callTimed(store, 'claude_check', { jobId });
    if (answer.isError || answer.data?.status !== 'completed') throw new Error(`claude_check of ${jobId} answered: ${answer.text.slice(0, 300)}`);
    return { ms, serverCpuMs };
  };
}

export async function measureChecks(store: BenchStore, runs: number): Promise<CheckSamples> {
  const small = await startFinishedJob(store, 'bench small log');
  const huge = await startFinishedJob(store, 'bench huge log');
  await padLog(jobOutputPaths(store.root.jobDir, small).stdout);
  await inflateLog(jobOutputPaths(store.root.jobDir, huge).stdout, HUGE_LOG_BYTES);
  const hugeFirst = await checkJob(store, huge)();
  const [smallSamples, hugeSamples] = await sampleInterleaved([checkJob(store, small), checkJob(store, huge)], runs);
  return { small: smallSamples!, huge: hugeSamples!, hugeFirst };
}
