// Bounded waits inside a tool call: well within a client's tool-call timeout, with progress notifications for
// clients that asked for them, and given up when the client cancels the request.
import type { ServerContext as McpRequestContext } from '@modelcontextprotocol/server';
import { waitForJobs as waitForJobsOnDisk, type JobSnapshot, type WaitMode } from '../jobs/index.js';
import type { ServerContext } from './context.js';

export const MAX_WAIT_SECONDS = 50;

async function notifyProgress(request: McpRequestContext, ended: number, total: number, elapsedMs: number): Promise<void> {
  const token = request.mcpReq._meta?.progressToken;
  if (token === undefined) return;
  const message = `${ended} of ${total} job(s) ended after ${Math.round(elapsedMs / 1000)} s`;
  await request.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: ended, total, message } }).catch(() => undefined);
}

// untilInputRequired: the waits of check, run and wait also answer when a job waits for the caller's answer; a
// cancel's wait does not (the job it stops may be waiting for one).
export function waitForJobs(context: ServerContext, jobIds: string[], mode: WaitMode, waitSeconds: number, request?: McpRequestContext, untilInputRequired = false): Promise<JobSnapshot[]> {
  return waitForJobsOnDisk(context.settings.jobDir, jobIds, mode, Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000, {
    untilInputRequired,
    signal: request?.mcpReq.signal,
    onProgress: request ? (ended, total, elapsedMs) => notifyProgress(request, ended, total, elapsedMs) : undefined,
  });
}
