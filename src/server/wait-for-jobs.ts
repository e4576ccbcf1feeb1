// Bounded waits: answer as soon as the jobs end or the time is up, well inside a client's tool-call timeout, with
// progress notifications for clients that asked for them.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerContext as McpRequestContext } from '@modelcontextprotocol/server';
import { inspectJob, TERMINAL_STATUSES, type JobSnapshot } from '../jobs/index.js';

export const MAX_WAIT_SECONDS = 50;
const POLL_MS = 50;
const PROGRESS_EVERY_MS = 2000;

export type WaitMode = 'any' | 'all';

function isEnded(snapshot: JobSnapshot): boolean {
  return TERMINAL_STATUSES.has(snapshot.status) || snapshot.status === 'unknown';
}

async function sendProgress(request: McpRequestContext | undefined, progress: number, total: number, message: string): Promise<void> {
  const token = request?.mcpReq._meta?.progressToken;
  if (token === undefined) return;
  await request!.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } }).catch(() => undefined);
}

// Returns the jobs' snapshots when `mode` is satisfied or the wait is over (time up, or the request cancelled).
export async function waitForJobs(root: string, jobIds: string[], mode: WaitMode, waitSeconds: number, request?: McpRequestContext): Promise<JobSnapshot[]> {
  const started = Date.now();
  const deadline = started + Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000;
  let nextProgress = started + PROGRESS_EVERY_MS;
  for (;;) {
    const snapshots = await Promise.all(jobIds.map((jobId) => inspectJob(root, jobId)));
    const ended = snapshots.filter(isEnded).length;
    const satisfied = mode === 'any' ? ended > 0 : ended === snapshots.length;
    if (satisfied || Date.now() >= deadline || request?.mcpReq.signal.aborted) return snapshots;
    if (Date.now() >= nextProgress) {
      nextProgress += PROGRESS_EVERY_MS;
      const seconds = Math.round((Date.now() - started) / 1000);
      await sendProgress(request, ended, snapshots.length, `${ended} of ${snapshots.length} job(s) ended after ${seconds} s`);
    }
    await sleep(POLL_MS);
  }
}
