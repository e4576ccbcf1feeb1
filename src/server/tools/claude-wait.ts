// claude_wait: waits (bounded) until any or all of several jobs end.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { hasEnded, JobIdSchema, JobSummarySchema, summarizeJob } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { waitForJobs } from '../wait-for-jobs.js';
import { WaitSecondsSchema } from './claude-check.js';
import { dataResult } from './tool-result.js';

export const CLAUDE_WAIT = 'claude_wait';

export const WaitInputSchema = z.strictObject({
  jobIds: z.array(JobIdSchema, { error: 'jobIds must be a list of job ids' }).min(1, { error: 'jobIds must name at least one job' }).max(200).describe('The jobs to wait for.'),
  mode: z.enum(['any', 'all'], { error: 'mode must be "any" or "all"' }).default('all').describe('"all": until every job ended; "any": until the first one did. Default all.'),
  waitSeconds: WaitSecondsSchema.describe('Wait at most this many seconds (0-50). Default 0: just report.'),
});

export const WaitOutputSchema = z.object({
  done: z.boolean().describe('Whether the mode was satisfied (false: the time ran out first).'),
  ended: z.array(z.string()).describe('Jobs that have ended.'),
  pending: z.array(z.string()).describe('Jobs still queued or running.'),
  jobs: z.array(JobSummarySchema),
});

export function registerClaudeWait(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_WAIT,
    {
      title: 'Wait for Claude Code jobs',
      description:
        'Waits up to waitSeconds (at most 50) until any or all of the given jobs end, answering as soon as they do, ' +
        'or as soon as one waits for your answer (status input_required: see claude_check and claude_respond). ' +
        'Reports each job\'s status. Call again while jobs are pending.',
      inputSchema: WaitInputSchema,
      outputSchema: WaitOutputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ jobIds, mode, waitSeconds }, request) => {
      const root = context.settings.jobDir;
      const unique = [...new Set(jobIds)];
      const snapshots = await waitForJobs(context, unique, mode, waitSeconds, request, true);
      const jobs = await Promise.all(snapshots.map((snapshot) => summarizeJob(root, snapshot)));
      const pending = jobs.filter((job) => !hasEnded(job.status)).map((job) => job.jobId);
      const ended = jobs.filter((job) => !pending.includes(job.jobId)).map((job) => job.jobId);
      return dataResult({ done: mode === 'any' ? ended.length > 0 : pending.length === 0, ended, pending, jobs });
    },
  );
}
