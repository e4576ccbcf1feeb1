// claude_cleanup: removes finished jobs and their files; queued and running jobs are never removed.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { JobIdSchema, JobStatusSchema, removeJobs, TERMINAL_STATUSES } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { RemovedWorktreeSchema } from '../../worktree/index.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_CLEANUP = 'claude_cleanup';

const FINISHED = [...TERMINAL_STATUSES] as [string, ...string[]];

export const CleanupInputSchema = z.strictObject({
  jobId: JobIdSchema.optional().describe('Remove this one finished job.'),
  olderThanHours: z
    .number({ error: 'olderThanHours must be a number' })
    .min(0, { error: 'olderThanHours must be 0 or more' })
    .max(24 * 365 * 10)
    .optional()
    .describe('Remove finished jobs that ended at least this many hours ago (0: all finished jobs).'),
  status: JobStatusSchema.refine((s) => TERMINAL_STATUSES.has(s), { error: `status must be a finished status: ${FINISHED.join(', ')}` })
    .optional()
    .describe('Only jobs that ended in this status.'),
  deleteBranch: z
    .boolean({ error: 'deleteBranch must be true or false' })
    .optional()
    .describe('Worktree jobs: delete the job\'s branch too, even when it holds commits. Default false: a branch with commits is kept (one without commits always goes).'),
});

export const CleanupOutputSchema = z.object({
  removed: z.array(z.object({ jobId: z.string(), status: JobStatusSchema, worktree: RemovedWorktreeSchema.optional().describe('Worktree jobs: what became of the worktree and its branch.') })),
  message: z.string(),
});

export function registerClaudeCleanup(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_CLEANUP,
    {
      title: 'Remove finished Claude Code jobs',
      description:
        'Deletes finished jobs (completed, failed, cancelled, timed_out, orphaned) and their files: one by jobId, or by age ' +
        'and status. Never touches queued or running jobs. A worktree job\'s worktree is removed too; its branch is kept when it holds commits ' +
        '(deleteBranch: true drops it). Finished jobs also expire on their own after CLAUDE_ASYNC_RETENTION_DAYS.',
      inputSchema: CleanupInputSchema,
      outputSchema: CleanupOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ jobId, olderThanHours, status, deleteBranch }) => {
      if (jobId === undefined && olderThanHours === undefined && status === undefined) {
        return errorResult('Say what to remove: jobId, olderThanHours (0 for every finished job), or status.');
      }
      const endedBeforeMs = olderThanHours === undefined ? undefined : Date.now() - olderThanHours * 3600 * 1000;
      const removed = await removeJobs(context.settings.jobDir, { jobId, endedBeforeMs, status, deleteBranch });
      const message = removed.length ? `Removed ${removed.length} finished job(s).` : jobId ? `Nothing removed: job '${jobId}' is unknown or has not finished (cancel it first).` : 'Nothing matched.';
      return dataResult({ removed, message });
    },
  );
}
