// claude_start_batch: starts many jobs at once through the queue; with outputDirectory each job's runner writes its
// result there as it ends (result-NNN-<jobId>.md, or error-NNN-<jobId>.txt), server or no server.
import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { NewJob } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { checkedAgainst, FullTaskSchema, JobOptionsShape, prepareJob, TaskShape } from '../job-input.js';
import { prepareOutputDirectory } from '../output-directory.js';
import { startJob, StartedJobSchema } from '../start-job.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_START_BATCH = 'claude_start_batch';

const MAX_TASKS = 100;

const SharedOptionsSchema = z.strictObject(JobOptionsShape);

const BatchTaskSchema = z
  .looseObject({ prompt: TaskShape.prompt })
  .superRefine(checkedAgainst(FullTaskSchema, ['prompt']))
  .describe('Any claude_start parameters; they override the shared ones.');

export const BatchInputSchema = z
  .looseObject({
    tasks: z
      .array(BatchTaskSchema, { error: 'tasks must be a list of {prompt, ...} objects' })
      .min(1, { error: 'tasks must hold at least one task' })
      .max(MAX_TASKS, { error: `tasks may hold at most ${MAX_TASKS} tasks` })
      .describe('The jobs, each {prompt, ...}.'),
    outputDirectory: z
      .string({ error: 'outputDirectory must be a string' })
      .refine((p) => path.isAbsolute(p), { error: 'outputDirectory must be an absolute path' })
      .optional()
      .describe('Absolute folder where each result is written as it ends (result-001-<jobId>.md).'),
  })
  .superRefine(checkedAgainst(SharedOptionsSchema, ['tasks', 'outputDirectory']))
  .describe('Other claude_start options (not prompt or jobId) apply to every task.');

export const BatchOutputSchema = z.object({
  jobs: z.array(StartedJobSchema.extend({ index: z.number().int().describe('1-based place of the task in the batch.') })),
  outputDirectory: z.string().optional(),
});

export function registerClaudeStartBatch(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_START_BATCH,
    {
      title: 'Start a batch of Claude Code jobs',
      description: 'Starts many jobs (queued beyond the parallel limit); all are checked before any starts. Follow with claude_wait.',
      inputSchema: BatchInputSchema,
      outputSchema: BatchOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (input) => {
      const { tasks, outputDirectory, ...rest } = input;
      const shared = SharedOptionsSchema.parse(rest);
      const prepared: NewJob[] = [];
      for (const [i, task] of tasks.entries()) {
        // A task that opts out of a shared worktree leaves its base and setupCommand behind too.
        const inherited = task.worktree === false ? { ...shared, base: undefined, setupCommand: undefined } : shared;
        const job = await prepareJob(context, FullTaskSchema.parse({ ...inherited, ...task }));
        if (typeof job === 'string') return errorResult(`task ${i + 1}: ${job}. No job of the batch was started.`);
        prepared.push(outputDirectory ? { ...job, output: { directory: outputDirectory, index: i + 1 } } : job);
      }
      const outputProblem = outputDirectory ? await prepareOutputDirectory(outputDirectory) : undefined;
      if (outputProblem) return errorResult(`${outputProblem} No job of the batch was started.`);
      const jobs = [];
      for (const [i, job] of prepared.entries()) {
        const started = await startJob(context, job);
        if (typeof started === 'string') return errorResult(`task ${i + 1}: ${started}. Tasks before it were started: ${jobs.map((j) => j.jobId).join(', ') || 'none'}.`);
        jobs.push({ index: i + 1, ...started });
      }
      return dataResult({ jobs, ...(outputDirectory ? { outputDirectory } : {}) });
    },
  );
}
