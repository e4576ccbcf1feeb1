// Many bounded waits in flight at once (a model polling with waitSeconds, many sessions on one server): what they
// cost the server while nothing happens, and how a plain claude_check fares meanwhile.
import { readCpuMs } from './proc.js';
import { callTimed, startJob, type BenchStore, type CallSample } from './workspace.js';

export interface WaitLoad {
  // Server CPU while the waits are in flight, as a share of one core.
  coreShare: number;
  // claude_check round trips taken meanwhile.
  checks: CallSample[];
}

const JOBS = 10;
const WAIT_SECONDS = 10;
// The window measured starts after the calls arrived and ends before the first wait answers.
const SETTLE_MS = 1000;
const WINDOW_MS = 6000;

export async function measureWaits(store: BenchStore, waits: number): Promise<WaitLoad> {
  const jobIds: string[] = [];
  for (let i = 0; i < JOBS; i += 1) jobIds.push(await startJob(store, '@sleep 60000'));
  const inFlight = Array.from({ length: waits }, (_, i) => callTimed(store, 'claude_check', { jobId: jobIds[i % JOBS], waitSeconds: WAIT_SECONDS }));
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const pid = store.server.pid ?? 0;
  const before = readCpuMs(pid) ?? 0;
  const began = performance.now();
  const checks: CallSample[] = [];
  while (performance.now() - began < WINDOW_MS) {
    const { ms, serverCpuMs } = await callTimed(store, 'claude_check', { jobId: jobIds[0] });
    checks.push({ ms, serverCpuMs });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const spent = (readCpuMs(pid) ?? before) - before;
  const wall = performance.now() - began;
  await Promise.all(inFlight);
  for (const jobId of jobIds) await callTimed(store, 'claude_cancel', { jobId, waitSeconds: 0 });
  // The checks taken meanwhile are part of the window's CPU; what the waits alone cost is the rest.
  const checksCpu = checks.reduce((sum, sample) => sum + sample.serverCpuMs, 0);
  return { coreShare: (spent - checksCpu) / wall, checks };
}
