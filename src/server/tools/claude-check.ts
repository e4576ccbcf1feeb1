// claude_check: a job's status, activity, output and result, read from files only; optionally waits for its end.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { describeJob, JobIdSchema, JobViewSchema } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { MAX_WAIT_SECONDS, waitForJobs } from '../wait-for-jobs.js';
import { dataResult } from './tool-result.js';

export const CLAUDE_CHECK = 'claude_check';

const MAX_TAIL_BYTES = 1024 * 1024;

export const WaitSecondsSchema = z
  .number({ error: 'waitSeconds must be a number' })
  .min(0, { error: 'waitSeconds must be 0 or more' })
  .max(MAX_WAIT_SECONDS, { error: `waitSeconds must be at most ${MAX_WAIT_SECONDS}: longer waits outlive client timeouts; call again instead` })
  .default(0);

export const CheckInputSchema = z.strictObject({
  jobId: JobIdSchema.describe('The jobId claude_start returned.'),
  tailBytes: z
    .number({ error: 'tailBytes must be a number' })
    .int({ error: 'tailBytes must be a whole number of bytes' })
    .min(0, { error: 'tailBytes must be 0 or more' })
    .max(MAX_TAIL_BYTES, { error: `tailBytes must be at most ${MAX_TAIL_BYTES}` })
    .default(4000)
    .describe(`How many bytes of stdout and stderr to return (0-${MAX_TAIL_BYTES}, default 4000).`),
  sinceOffset: z
    .number({ error: 'sinceOffset must be a number' })
    .int({ error: 'sinceOffset must be a whole number' })
    .min(0, { error: 'sinceOffset must be 0 or more' })
    .optional()
    .describe('Return stdout from this byte offset on (at most tailBytes) instead of its tail: pass the nextOffset of the previous answer to get only what is new.'),
  waitSeconds: WaitSecondsSchema.describe(`Wait up to this many seconds (0-${MAX_WAIT_SECONDS}) for the job to end before answering; answers at once when it ends or waits for your answer (input_required). Default 0.`),
});

export function registerClaudeCheck(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_CHECK,
    {
      title: 'Check a Claude Code job',
      description:
        "Returns a job's status (queued, running, input_required, completed, failed, cancelled, timed_out, orphaned, unknown), a compact " +
        "activity summary (turns, recent tool calls, files changed, latest text), claude's result (answer, session id, " +
        'turns, cost) once it ended, and its output. Worktree jobs say where the work is (worktree: path, branch, commits, changed files); ' +
        'a job with status input_required lists inputRequests to answer with claude_respond. ' +
        'Use waitSeconds to wait for the end (or for a request) in one call instead of polling.',
      inputSchema: CheckInputSchema,
      outputSchema: JobViewSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ jobId, tailBytes, sinceOffset, waitSeconds }, request) => {
      const root = context.settings.jobDir;
      if (waitSeconds > 0) await waitForJobs(context, [jobId], 'all', waitSeconds, request, true);
      return dataResult(await describeJob(root, jobId, { tailBytes, sinceOffset, activity: context.activity }));
    },
  );
}
