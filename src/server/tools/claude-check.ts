// claude_check: a job's compact answer (see answers/job-answer.ts), optionally after a bounded wait for its end, and
// optionally with output: the transcript's end, raw stream-json, or the rest of a long result.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { JobIdSchema } from '../../jobs/index.js';
import { answerJob, JobAnswerSchema } from '../answers/job-answer.js';
import { OUTPUT_KINDS, readJobOutput } from '../answers/job-output.js';
import { toAnswerResult } from '../answers/render-answer.js';
import type { ServerContext } from '../context.js';
import { MAX_WAIT_SECONDS, waitForJobs } from '../wait-for-jobs.js';

export const CLAUDE_CHECK = 'claude_check';

const MAX_TAIL_BYTES = 1024 * 1024;

export const WaitSecondsSchema = z
  .number({ error: 'waitSeconds must be a number' })
  .min(0, { error: 'waitSeconds must be 0 or more' })
  .max(MAX_WAIT_SECONDS, { error: `waitSeconds must be at most ${MAX_WAIT_SECONDS}: longer waits outlive client timeouts; call again instead` })
  .default(0);

export const CheckInputSchema = z.strictObject({
  jobId: JobIdSchema.describe('The job.'),
  waitSeconds: WaitSecondsSchema.describe(`Wait up to this long (max ${MAX_WAIT_SECONDS}) for it to end or ask you something; answers as soon as it does.`),
  output: z
    .enum(OUTPUT_KINDS, { error: `output must be one of: ${OUTPUT_KINDS.join(', ')}` })
    .default('none')
    .describe('Also return: transcript (its end, readable), raw (stream-json), result (the full answer). Default none.'),
  tailBytes: z
    .number({ error: 'tailBytes must be a number' })
    .int({ error: 'tailBytes must be a whole number of bytes' })
    .min(0, { error: 'tailBytes must be 0 or more' })
    .max(MAX_TAIL_BYTES, { error: `tailBytes must be at most ${MAX_TAIL_BYTES}` })
    .default(2000)
    .describe('Size of output (default 2000).'),
  sinceOffset: z
    .number({ error: 'sinceOffset must be a number' })
    .int({ error: 'sinceOffset must be a whole number' })
    .min(0, { error: 'sinceOffset must be 0 or more' })
    .optional()
    .describe('With raw or result: start here (a previous nextOffset).'),
});

export function registerClaudeCheck(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_CHECK,
    {
      title: 'Check a Claude Code job',
      description: "A job's status and a short summary; a job waiting for your answer lists its requests (claude_respond answers); once ended, claude's answer. Use waitSeconds rather than polling.",
      inputSchema: CheckInputSchema,
      outputSchema: JobAnswerSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ jobId, waitSeconds, output, tailBytes, sinceOffset }, request) => {
      if (waitSeconds > 0) await waitForJobs(context, [jobId], 'all', waitSeconds, request, true);
      const { answer, snapshot } = await answerJob(context, jobId);
      const extra = await readJobOutput(context.settings.jobDir, snapshot, { kind: output, maxBytes: tailBytes, sinceOffset });
      return toAnswerResult({ ...answer, ...extra });
    },
  );
}
