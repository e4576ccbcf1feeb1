// claude_jobs: every known job, newest first.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { JobStatusSchema, JobSummarySchema, listJobs, summarizeJob } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { dataResult } from './tool-result.js';

export const CLAUDE_JOBS = 'claude_jobs';

export const JobsInputSchema = z.strictObject({
  status: JobStatusSchema.optional().describe('Only jobs in this status.'),
  limit: z
    .number({ error: 'limit must be a number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be at least 1' })
    .max(1000, { error: 'limit must be at most 1000' })
    .default(50)
    .describe('Max jobs (default 50).'),
});

export const JobsOutputSchema = z.object({
  total: z.number().int().describe('How many jobs the job directory holds, in any status.'),
  jobs: z.array(JobSummarySchema),
});

export function registerClaudeJobs(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_JOBS,
    {
      title: 'List Claude Code jobs',
      description: 'Lists jobs, newest first, with status and prompt summary.',
      inputSchema: JobsInputSchema,
      outputSchema: JobsOutputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ status, limit }) => {
      const root = context.settings.jobDir;
      const listing = await listJobs(root, { status, limit });
      const jobs = await Promise.all(listing.jobs.map((snapshot) => summarizeJob(root, snapshot)));
      return dataResult({ total: listing.total, jobs });
    },
  );
}
