// claude_start: writes a job and starts it (or queues it), answering at once with its id.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { JobOptionsShape, prepareJob, TaskShape } from '../job-input.js';
import { startJob, StartedJobSchema } from '../start-job.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_START = 'claude_start';

export const StartInputSchema = z.strictObject({ ...TaskShape, ...JobOptionsShape });

export const StartOutputSchema = StartedJobSchema.extend({ next: z.string().describe('What to do next.') });

export function registerClaudeStart(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_START,
    {
      title: 'Start a Claude Code job',
      description:
        'Starts a Claude Code CLI session in the background and returns its jobId at once (it does not wait). ' +
        'The answer says queued: the job is recorded and launches right after, or, with queuePosition, once a slot frees. ' +
        'The job keeps running if this call, the client or this server goes away. Follow it with claude_check ' +
        '(waitSeconds lets one call wait up to 50 s) or claude_wait; do not poll in a tight loop — a job takes minutes.',
      inputSchema: StartInputSchema,
      outputSchema: StartOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (input) => {
      const job = await prepareJob(context, input);
      if (typeof job === 'string') return errorResult(job);
      const started = await startJob(context, job);
      if (typeof started === 'string') return errorResult(started);
      return dataResult({ ...started, next: `Call claude_check with jobId "${started.jobId}" and waitSeconds 30 to follow it.` });
    },
  );
}
