// claude_start: writes a job and starts it (or queues it), answering at once with its id.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { JobOptionsShape, prepareJob, TaskShape } from '../job-input.js';
import { startJob, StartedJobSchema } from '../start-job.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_START = 'claude_start';

export const StartInputSchema = z.strictObject({ ...TaskShape, ...JobOptionsShape });

// The model gave the folder and has no use for the creation time: the answer leaves them out.
export const StartOutputSchema = StartedJobSchema.omit({ workFolder: true, createdAt: true }).extend({ next: z.string().describe('What to do next.') });

export function registerClaudeStart(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_START,
    {
      title: 'Start a Claude Code job',
      description: 'Starts a Claude Code session in the background; returns its jobId at once. It outlives this call and this server.',
      inputSchema: StartInputSchema,
      outputSchema: StartOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (input) => {
      const job = await prepareJob(context, input);
      if (typeof job === 'string') return errorResult(job);
      const started = await startJob(context, job);
      if (typeof started === 'string') return errorResult(started);
      const { workFolder: _folder, createdAt: _created, ...answer } = started;
      return dataResult({ ...answer, next: 'claude_check with waitSeconds 50 waits for it; jobs take minutes.' });
    },
  );
}
