// claude_cancel: stops a job and everything it started; a queued job simply leaves the queue.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { cancelJob, hasEnded, JobIdSchema, JobStatusSchema } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { waitForJobs } from '../wait-for-jobs.js';
import { WaitSecondsSchema } from './claude-check.js';
import { dataResult } from './tool-result.js';

export const CLAUDE_CANCEL = 'claude_cancel';

export const CancelInputSchema = z.strictObject({
  jobId: JobIdSchema.describe('The job to stop.'),
  // The worker gives claude 3 s to exit before SIGKILL; most jobs are gone in a fraction of a second.
  waitSeconds: WaitSecondsSchema.default(5).describe('Wait for the stop (0-50, default 5).'),
});

export const CancelOutputSchema = z.object({
  jobId: z.string(),
  cancelled: z.boolean().describe('Whether this call stopped the job (false: it had already ended, or is unknown).'),
  status: JobStatusSchema,
  message: z.string(),
});

const MESSAGES = {
  'ended-queued': 'Removed from the queue; it never started.',
  requested: 'Stopping: its worker gives claude and everything it started SIGTERM (SIGKILL after 3 s). Status cancelled once recorded.',
} as const;

export function registerClaudeCancel(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_CANCEL,
    {
      title: 'Cancel a Claude Code job',
      description: 'Stops a queued or running job and everything it started.',
      inputSchema: CancelInputSchema,
      outputSchema: CancelOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ jobId, waitSeconds }, request) => {
      const root = context.settings.jobDir;
      const outcome = await cancelJob(root, jobId);
      if (outcome.action === 'already-ended') {
        const { status, reason } = outcome.snapshot;
        const message = status === 'unknown' ? `No job '${jobId}' to cancel (${reason ?? 'unknown'}).` : `Job already ended (${status}); nothing to cancel.`;
        return dataResult({ jobId, cancelled: false, status, message });
      }
      const [snapshot] = await waitForJobs(context, [jobId], 'all', waitSeconds, request);
      const { status } = snapshot!;
      // The job may have ended on its own between the request and its worker seeing it.
      if (hasEnded(status) && status !== 'cancelled') return dataResult({ jobId, cancelled: false, status, message: `The job ended ${status} before the cancel took effect.` });
      return dataResult({ jobId, cancelled: true, status, message: MESSAGES[outcome.action] });
    },
  );
}
