// claude_wait: waits (bounded) until any or all of several jobs end.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { hasEnded, JobIdSchema, JobStatusSchema } from '../../jobs/index.js';
import { shortenLine } from '../../shorten-line.js';
import { roundUsd } from '../answers/job-answer.js';
import type { ServerContext } from '../context.js';
import { waitForJobs } from '../wait-for-jobs.js';
import { WaitSecondsSchema } from './claude-check.js';
import { dataResult } from './tool-result.js';

export const CLAUDE_WAIT = 'claude_wait';

export const WaitInputSchema = z.strictObject({
  jobIds: z.array(JobIdSchema, { error: 'jobIds must be a list of job ids' }).min(1, { error: 'jobIds must name at least one job' }).max(200).describe('The jobs to wait for.'),
  mode: z.enum(['any', 'all'], { error: 'mode must be "any" or "all"' }).default('all').describe('all (default) or any.'),
  waitSeconds: WaitSecondsSchema.describe('Max wait (0-50, default 0).'),
});

// Each fact once: pending jobs are named in pending only; an ended job's own answer is one claude_check away.
const EndedJobSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  reason: z.string().optional(),
  costUsd: z.number().optional(),
});

export const WaitOutputSchema = z.object({
  done: z.boolean().describe('Whether the mode was satisfied (false: the time ran out first).'),
  pending: z.array(z.string()).describe('Jobs not ended yet.'),
  waiting: z.array(z.string()).optional().describe('Jobs waiting for your answer (input_required): claude_check lists the requests, claude_respond answers.'),
  ended: z.array(EndedJobSchema).describe('Jobs that have ended, each with its status; claude_check gives its answer.'),
});

export function registerClaudeWait(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_WAIT,
    {
      title: 'Wait for Claude Code jobs',
      description: 'Waits (max 50 s) until any or all of the jobs end, or one waits for your answer (input_required).',
      inputSchema: WaitInputSchema,
      outputSchema: WaitOutputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ jobIds, mode, waitSeconds }, request) => {
      const unique = [...new Set(jobIds)];
      const snapshots = await waitForJobs(context, unique, mode, waitSeconds, request, true);
      const pending = snapshots.filter((snapshot) => !hasEnded(snapshot.status)).map((snapshot) => snapshot.jobId);
      const ended = snapshots
        .filter((snapshot) => hasEnded(snapshot.status))
        .map(({ jobId, status, reason, exit }) => {
          const cost = exit?.result?.costUsd;
          return { jobId, status, ...(reason ? { reason: shortenLine(reason, 200) } : {}), ...(cost === undefined ? {} : { costUsd: roundUsd(cost) }) };
        });
      const waiting = snapshots.filter((snapshot) => snapshot.status === 'input_required').map((snapshot) => snapshot.jobId);
      return dataResult({ done: mode === 'any' ? ended.length > 0 : pending.length === 0, pending, ...(waiting.length ? { waiting } : {}), ended });
    },
  );
}
