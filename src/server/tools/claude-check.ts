// claude_check: a job's status, output tails and result, read from files only.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { describeJob, JobIdSchema, JobViewSchema } from '../../jobs/index.js';
import { promote, type ServerContext } from '../context.js';
import { dataResult } from './tool-result.js';

export const CLAUDE_CHECK = 'claude_check';

const MAX_TAIL_BYTES = 1024 * 1024;

export const CheckInputSchema = z.strictObject({
  jobId: JobIdSchema.describe('The jobId claude_start returned.'),
  tailBytes: z
    .number({ error: 'tailBytes must be a number' })
    .int({ error: 'tailBytes must be a whole number of bytes' })
    .min(0, { error: 'tailBytes must be 0 or more' })
    .max(MAX_TAIL_BYTES, { error: `tailBytes must be at most ${MAX_TAIL_BYTES}` })
    .default(4000)
    .describe(`How many bytes from the end of stdout and stderr to return (0-${MAX_TAIL_BYTES}, default 4000).`),
});

export function registerClaudeCheck(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_CHECK,
    {
      title: 'Check a Claude Code job',
      description:
        'Returns a job\'s status (queued, running, completed, failed, cancelled, timed_out, orphaned, unknown), ' +
        'claude\'s result (answer text, session id, turns, cost) once it ended, and the end of its output. Reads files only; fast.',
      inputSchema: CheckInputSchema,
      outputSchema: JobViewSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ jobId, tailBytes }) => {
      await promote(context);
      return dataResult(await describeJob(context.settings.jobDir, jobId, tailBytes));
    },
  );
}
