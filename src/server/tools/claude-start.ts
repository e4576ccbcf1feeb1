// claude_start: writes a job and starts it (or queues it), answering at once with its id.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { ModelSchema } from '../../claude/options.js';
import { createJob, inspectJob, JobIdSchema, JobStatusSchema, queuePosition } from '../../jobs/index.js';
import { promote, type ServerContext } from '../context.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_START = 'claude_start';

export const StartInputSchema = z.strictObject({
  prompt: z
    .string({ error: 'prompt must be a string' })
    .min(1, { error: 'prompt must not be empty' })
    .describe('The task for Claude Code, as you would type it. Any size: it is passed on stdin, never on a command line.'),
  workFolder: z
    .string({ error: 'workFolder must be a string' })
    .refine((p) => path.isAbsolute(p), { error: 'workFolder must be an absolute path to an existing directory, e.g. /home/me/project' })
    .optional()
    .describe('Absolute path of the directory claude works in. Default: CLAUDE_ASYNC_DEFAULT_CWD, else the home directory.'),
  jobId: JobIdSchema.optional().describe(
    'Your own id for the job (1-64 of A-Z a-z 0-9 . _ -). Starting again with the same id and prompt returns the existing job instead of a second one. Default: a generated, time-sortable id.',
  ),
  model: ModelSchema.optional(),
  skipPermissions: z
    .boolean({ error: 'skipPermissions must be true or false' })
    .default(true)
    .describe('Pass --dangerously-skip-permissions so the headless job can edit files and run commands without prompts (default true). As root, claude refuses it unless IS_SANDBOX=1.'),
});

export const StartOutputSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  created: z.boolean().describe('false when a job with this jobId already existed and was returned instead.'),
  workFolder: z.string(),
  model: z.string().optional(),
  createdAt: z.string(),
  queuePosition: z.number().int().optional(),
  next: z.string().describe('What to do next.'),
});

async function checkWorkFolder(workFolder: string): Promise<string | undefined> {
  const info = await stat(workFolder).catch(() => undefined);
  if (!info) return `workFolder '${workFolder}' does not exist. Give the absolute path of an existing directory.`;
  if (!info.isDirectory()) return `workFolder '${workFolder}' is a file, not a directory. Give the absolute path of an existing directory.`;
  return undefined;
}

export function registerClaudeStart(server: McpServer, context: ServerContext): void {
  server.registerTool(
    CLAUDE_START,
    {
      title: 'Start a Claude Code job',
      description:
        'Starts a Claude Code CLI session in the background and returns its jobId at once (it does not wait). ' +
        'The job keeps running if this call, the client or this server goes away. Follow it with claude_check; ' +
        'do not poll in a tight loop — a job takes minutes.',
      inputSchema: StartInputSchema,
      outputSchema: StartOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (input) => {
      const root = context.settings.jobDir;
      const workFolder = input.workFolder ?? context.settings.defaultCwd;
      const folderProblem = await checkWorkFolder(workFolder);
      if (folderProblem) return errorResult(folderProblem);
      const cli = context.resolveCli();
      if (!cli.found) return errorResult(cli.message);
      const outcome = await createJob(root, {
        jobId: input.jobId,
        prompt: input.prompt,
        workFolder,
        claudePath: cli.path,
        claude: { model: input.model, skipPermissions: input.skipPermissions },
      });
      if (!outcome.record) return errorResult(`${outcome.reason}. Choose another jobId, or omit it to get a generated one.`);
      if (!outcome.created && !outcome.samePrompt) {
        return errorResult(
          `jobId '${input.jobId}' is already used by a job created at ${outcome.record.createdAt} with another prompt ` +
            `("${outcome.record.promptSummary}"). Choose another jobId, or omit it to get a generated one.`,
        );
      }
      await promote(context);
      const { record } = outcome;
      const snapshot = await inspectJob(root, record.jobId);
      const position = snapshot.status === 'queued' ? await queuePosition(root, record.jobId) : undefined;
      return dataResult({
        jobId: record.jobId,
        status: snapshot.status,
        created: outcome.created,
        workFolder: record.workFolder,
        ...(record.claude.model ? { model: record.claude.model } : {}),
        createdAt: record.createdAt,
        ...(position ? { queuePosition: position } : {}),
        next: `Call claude_check with jobId "${record.jobId}" to follow it.`,
      });
    },
  );
}
