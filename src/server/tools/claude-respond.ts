// claude_respond: answers a permission request of an askPermissions job; the job goes on at once.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { JobIdSchema } from '../../jobs/index.js';
import { answerRequest } from '../../permissions/index.js';
import type { ServerContext } from '../context.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_RESPOND = 'claude_respond';

const MESSAGE_MAX_CHARS = 10_000;

export const RespondInputSchema = z.strictObject({
  jobId: JobIdSchema.describe('The waiting job.'),
  requestId: z.string({ error: 'requestId must be a string such as "perm-1"' }).describe('From its inputRequests, e.g. "perm-1".'),
  allow: z.boolean({ error: 'allow must be true (let the tool run) or false (deny it)' }).describe('true runs the tool use; false denies it.'),
  message: z
    .string({ error: 'message must be a string' })
    .max(MESSAGE_MAX_CHARS)
    .optional()
    .describe('With a denial: what claude is told.'),
  updatedInput: z
    .record(z.string(), z.unknown(), { error: 'updatedInput must be an object: the tool\'s input as it should run' })
    .optional()
    .describe('With allow: the input to run instead.'),
});

export const RespondOutputSchema = z.object({
  jobId: z.string(),
  requestId: z.string(),
  tool: z.string(),
  allow: z.boolean(),
  answeredAt: z.string(),
  next: z.string(),
});

export function registerClaudeRespond(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_RESPOND,
    {
      title: 'Answer a Claude Code job\'s permission request',
      description: 'Answers a permission request of a job waiting with status input_required (claude_check lists them); one answer each.',
      inputSchema: RespondInputSchema,
      outputSchema: RespondOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async ({ jobId, requestId, allow, message, updatedInput }) => {
      const outcome = await answerRequest(context.settings.jobDir, jobId, requestId, { allow, message, updatedInput });
      if (!outcome.answered) return errorResult(outcome.refusal);
      return dataResult({
        jobId,
        requestId,
        tool: outcome.tool,
        allow,
        answeredAt: outcome.answer.answeredAt,
        next: `The job goes on. Call claude_check with jobId "${jobId}" and waitSeconds 30 to follow it.`,
      });
    },
  );
}
