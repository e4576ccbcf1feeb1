// claude_run: starts a job and waits for it (bounded), for callers that want one call; the job outlives the wait.
// A client that declares the tasks extension gets a task instead, and its host does the waiting (tasks/*.ts).
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { answerJob, JobAnswerSchema } from '../answers/job-answer.js';
import { toAnswerResult } from '../answers/render-answer.js';
import type { ServerContext } from '../context.js';
import { checkedAgainst, FullTaskSchema, prepareJob, TaskShape } from '../job-input.js';
import { startJob } from '../start-job.js';
import { readJobTask } from '../tasks/read-job-task.js';
import { waitForJobs } from '../wait-for-jobs.js';
import { WaitSecondsSchema } from './claude-check.js';
import { errorResult } from './tool-result.js';

export const CLAUDE_RUN = 'claude_run';

export const RunInputSchema = z
  .looseObject({
    prompt: TaskShape.prompt,
    waitSeconds: WaitSecondsSchema.default(45).describe('Wait up to this long (max 50, default 45).'),
  })
  .superRefine(checkedAgainst(FullTaskSchema, ['prompt', 'waitSeconds']))
  .describe('Also takes every claude_start parameter.');

// With the tasks extension: the job as a task once it is recorded (its host then follows it with tasks/get), an
// error result when it cannot start, or undefined for input the tool refuses (the plain call then says why).
export async function startRunTask(context: ServerContext, args: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const parsed = RunInputSchema.safeParse(args);
  if (!parsed.success) return undefined;
  const { waitSeconds: _wait, ...input } = parsed.data;
  const job = await prepareJob(context, FullTaskSchema.parse(input));
  if (typeof job === 'string') return errorResult(job);
  const started = await startJob(context, job);
  if (typeof started === 'string') return errorResult(started);
  return { ...(await readJobTask(context, started.jobId)), resultType: 'task' };
}

export function registerClaudeRun(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_RUN,
    {
      title: 'Run a Claude Code job and wait',
      description: 'claude_start, then waits up to waitSeconds: the answer if it ended, else its status (follow with claude_check).',
      inputSchema: RunInputSchema,
      outputSchema: JobAnswerSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ waitSeconds, ...input }, request) => {
      const job = await prepareJob(context, FullTaskSchema.parse(input));
      if (typeof job === 'string') return errorResult(job);
      const started = await startJob(context, job);
      if (typeof started === 'string') return errorResult(started);
      await waitForJobs(context, [started.jobId], 'all', waitSeconds, request, true);
      return toAnswerResult((await answerJob(context, started.jobId)).answer);
    },
  );
}
