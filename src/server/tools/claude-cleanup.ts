// claude_cleanup: removes finished jobs and their files; queued and running jobs are never removed.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { JobIdSchema, JobStatusSchema, removeJobs, TERMINAL_STATUSES, type JobStatus } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { RemovedWorktreeSchema } from '../../worktree/index.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_CLEANUP = 'claude_cleanup';

const FINISHED = [...TERMINAL_STATUSES] as [JobStatus, ...JobStatus[]];

export const CleanupInputSchema = z.strictObject({
  jobId: JobIdSchema.optional().describe('This finished job.'),
  olderThanHours: z
    .number({ error: 'olderThanHours must be a number' })
    .min(0, { error: 'olderThanHours must be 0 or more' })
    .max(24 * 365 * 10)
    .optional()
    .describe('Jobs that ended this long ago (0: all).'),
  status: z
    .enum(FINISHED, { error: `status must be a finished status: ${FINISHED.join(', ')}` })
    .optional()
    .describe('Only this status.'),
  deleteBranch: z
    .boolean({ error: 'deleteBranch must be true or false' })
    .optional()
    .describe('Also delete a worktree job\'s branch with commits.'),
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
      description: 'Deletes finished jobs with their files and worktrees, by jobId, age or status.',
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
