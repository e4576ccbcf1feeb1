// claude_run: starts a job and waits for it (bounded), for callers that want one call; the job outlives the wait.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { describeJob, JobViewSchema } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { JobOptionsShape, prepareJob, TaskShape } from '../job-input.js';
import { startJob } from '../start-job.js';
import { waitForJobs } from '../wait-for-jobs.js';
import { WaitSecondsSchema } from './claude-check.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_RUN = 'claude_run';

export const RunInputSchema = z.strictObject({
  ...TaskShape,
  ...JobOptionsShape,
  waitSeconds: WaitSecondsSchema.default(45).describe('Wait up to this many seconds (0-50, default 45) for the job to end.'),
});

export function registerClaudeRun(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_RUN,
    {
      title: 'Run a Claude Code job and wait',
      description:
        'Starts a job like claude_start and waits up to waitSeconds (at most 50) for it. Returns the result when it ' +
        'ended in time, otherwise the jobId with status running: follow it with claude_check. Nothing is lost when the wait ends.',
      inputSchema: RunInputSchema,
      outputSchema: JobViewSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ waitSeconds, ...input }, request) => {
      const job = await prepareJob(context, input);
      if (typeof job === 'string') return errorResult(job);
      const started = await startJob(context, job);
      if (typeof started === 'string') return errorResult(started);
      const root = context.settings.jobDir;
      await waitForJobs(context, [started.jobId], 'all', waitSeconds, request, true);
      return dataResult(await describeJob(root, started.jobId, { tailBytes: 2000, activity: context.activity }));
    },
  );
}
