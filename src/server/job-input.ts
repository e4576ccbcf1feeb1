// The job parameters shared by claude_start, claude_run and claude_start_batch, and their checks against the
// machine (folders exist, a session to resume, claude found, nesting depth) before anything is written.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EFFORT_LEVELS, ModelSchema, OPTION_LIMITS, PERMISSION_MODES, SESSION_ID_PATTERN, TOOL_RULE_PATTERN, type ClaudeOptions } from '../claude/options.js';
import { findSessionId } from '../claude/stream-json.js';
import { buildChildEnv } from '../claude/child-env.js';
import { inspectJob, JobIdSchema, jobOutputPaths, readFrom, type NewJob } from '../jobs/index.js';
import { placeWorktree, planWorktree, SETUP_COMMAND_MAX_CHARS, type WorktreeSpec } from '../worktree/index.js';
import type { ServerContext } from './context.js';

const AbsolutePath = (name: string) =>
  z
    .string({ error: `${name} must be a string` })
    .refine((p) => path.isAbsolute(p), { error: `${name} must be an absolute path to an existing directory, e.g. /home/me/project` });

const ToolRules = (name: string) =>
  z
    .array(
      z
        .string({ error: `${name} must be a list of tool rules such as ["Edit", "Bash(git *)"]` })
        .min(1, { error: `each of ${name} must be a non-empty tool rule` })
        .max(OPTION_LIMITS.toolRuleChars)
        .regex(TOOL_RULE_PATTERN, { error: `each of ${name} must be one line, such as "Edit" or "Bash(git *)"` }),
      { error: `${name} must be a list of tool rules such as ["Edit", "Bash(git *)"]` },
    )
    .max(OPTION_LIMITS.toolRules)
    .optional();

export const JobOptionsShape = {
  workFolder: AbsolutePath('workFolder')
    .optional()
    .describe('Absolute folder to work in (default: the server\'s; a resumed job: its parent\'s).'),
  model: ModelSchema.optional(),
  skipPermissions: z
    .boolean({ error: 'skipPermissions must be true or false' })
    .optional()
    .describe('--dangerously-skip-permissions (default true).'),
  permissionMode: z
    .enum(PERMISSION_MODES, { error: `permissionMode must be one of: ${PERMISSION_MODES.join(', ')}` })
    .optional()
    .describe('--permission-mode.'),
  allowedTools: ToolRules('allowedTools').describe('--allowedTools, e.g. ["Bash(npm test)"].'),
  disallowedTools: ToolRules('disallowedTools').describe('--disallowedTools.'),
  appendSystemPrompt: z.string({ error: 'appendSystemPrompt must be a string' }).max(OPTION_LIMITS.appendSystemPromptChars).optional().describe('--append-system-prompt.'),
  maxTurns: z
    .number({ error: 'maxTurns must be a number' })
    .int({ error: 'maxTurns must be a whole number' })
    .min(1, { error: 'maxTurns must be at least 1' })
    .max(OPTION_LIMITS.maxTurns)
    .optional()
    .describe('--max-turns.'),
  maxBudgetUsd: z
    .number({ error: 'maxBudgetUsd must be a number' })
    .positive({ error: 'maxBudgetUsd must be more than 0' })
    .max(OPTION_LIMITS.maxBudgetUsd)
    .optional()
    .describe('--max-budget-usd.'),
  addDirs: z
    .array(AbsolutePath('each of addDirs'), { error: 'addDirs must be a list of absolute directory paths' })
    .max(OPTION_LIMITS.addDirs)
    .optional()
    .describe('--add-dir folders.'),
  effort: z.enum(EFFORT_LEVELS, { error: `effort must be one of: ${EFFORT_LEVELS.join(', ')}` }).optional().describe('--effort.'),
  mcpConfig: z
    .string({ error: 'mcpConfig must be a string' })
    .max(OPTION_LIMITS.mcpConfigChars)
    .optional()
    .describe('{"mcpServers":{...}} JSON or a file path. Default none.'),
  worktree: z
    .boolean({ error: 'worktree must be true or false' })
    .optional()
    .describe('Work in a new git worktree, on branch claude-async/<jobId>.'),
  base: z
    .string({ error: 'base must be a string' })
    .optional()
    .describe('With worktree: the ref its branch starts from (default HEAD).'),
  setupCommand: z
    .string({ error: 'setupCommand must be a string' })
    .min(1, { error: 'setupCommand must not be empty' })
    .max(SETUP_COMMAND_MAX_CHARS)
    .optional()
    .describe('With worktree: a shell command run there first, e.g. "npm ci".'),
  askPermissions: z
    .boolean({ error: 'askPermissions must be true or false' })
    .optional()
    .describe('Ask you (input_required, claude_respond) instead of skipping permissions.'),
  timeoutSeconds: z
    .number({ error: 'timeoutSeconds must be a number' })
    .int({ error: 'timeoutSeconds must be a whole number of seconds' })
    .min(1, { error: 'timeoutSeconds must be at least 1' })
    .max(7 * 24 * 3600, { error: 'timeoutSeconds must be at most 604800 (7 days)' })
    .optional()
    .describe('Stop it after this long (timed_out).'),
};

export const TaskShape = {
  prompt: z
    .string({ error: 'prompt must be a string' })
    .min(1, { error: 'prompt must not be empty' })
    .describe('The task, as you would type it; any size.'),
  jobId: JobIdSchema.optional().describe('Your id; the same id and prompt again returns that job.'),
  resumeJobId: JobIdSchema.optional().describe('Continue this job\'s claude session.'),
  sessionId: z
    .string({ error: 'sessionId must be a string' })
    .regex(SESSION_ID_PATTERN, { error: 'sessionId must be a claude session id such as 5f0c2a1e-…' })
    .optional()
    .describe('Continue this claude session id.'),
  fork: z.boolean({ error: 'fork must be true or false' }).optional().describe('Resume into a new session (--fork-session).'),
};

const TaskSchema = z.object({ ...TaskShape, ...JobOptionsShape });
export type TaskInput = z.infer<typeof TaskSchema>;
export const FullTaskSchema = z.strictObject({ ...TaskShape, ...JobOptionsShape });

// A tool definition costs a model context each time it is loaded, and claude_run and claude_start_batch take
// claude_start's options: their definitions declare only a few fields and say the rest are claude_start's, while
// this refinement checks everything else against the full schema (same errors, same strictness).
export function checkedAgainst(full: z.ZodObject, declared: string[]) {
  const omitted = Object.fromEntries(declared.filter((key) => key in full.shape).map((key) => [key, true as const]));
  const rest = full.omit(omitted as Record<string, true> & Record<number, never>);
  return (value: Record<string, unknown>, ctx: z.core.$RefinementCtx) => {
    const parsed = rest.safeParse(Object.fromEntries(Object.entries(value).filter(([key]) => !declared.includes(key))));
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, input: undefined } as never);
  };
}

async function problemWithDirectory(name: string, dir: string): Promise<string | undefined> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return `${name} '${dir}' does not exist. Give the absolute path of an existing directory.`;
  if (!info.isDirectory()) return `${name} '${dir}' is a file, not a directory. Give the absolute path of an existing directory.`;
  return undefined;
}

async function problemWithMcpConfig(config: string): Promise<string | undefined> {
  if (config.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(config);
      return parsed && typeof parsed === 'object' && 'mcpServers' in parsed ? undefined : 'mcpConfig JSON must be an object with an "mcpServers" key';
    } catch (error) {
      return `mcpConfig is not valid JSON (${(error as Error).message}); give {"mcpServers":{...}} or the absolute path of a file holding it`;
    }
  }
  if (!path.isAbsolute(config)) return 'mcpConfig must be a JSON object ({"mcpServers":{...}}) or the absolute path of a file holding one';
  return (await stat(config).catch(() => undefined))?.isFile() ? undefined : `mcpConfig file '${config}' does not exist`;
}

interface ResumeTarget {
  sessionId?: string;
  parentJobId?: string;
  workFolder?: string;
  // The parent ran in a worktree: the resumed job runs in the same one (claude finds a session by its folder).
  worktree?: WorktreeSpec;
}

async function findResumeTarget(context: ServerContext, input: TaskInput): Promise<ResumeTarget | string> {
  if (input.resumeJobId && input.sessionId) return 'give resumeJobId or sessionId, not both';
  if (input.fork && !input.resumeJobId && !input.sessionId) return 'fork needs resumeJobId or sessionId: it forks the session being resumed';
  if (input.sessionId) return { sessionId: input.sessionId };
  if (!input.resumeJobId) return {};
  const root = context.settings.jobDir;
  const parent = await inspectJob(root, input.resumeJobId);
  if (!parent.record) return `resumeJobId '${input.resumeJobId}' is not a known job (${parent.reason ?? parent.status}). claude_jobs lists the jobs.`;
  // The init event opens the log: its first 64 KiB hold the session id however long the log grew.
  const sessionId = parent.exit?.result?.sessionId ?? findSessionId((await readFrom(jobOutputPaths(root, input.resumeJobId).stdout, 0, 64 * 1024)).text);
  if (!sessionId) return `job '${input.resumeJobId}' has no claude session to resume yet (status ${parent.status}): claude had not started a session.`;
  const target: ResumeTarget = { sessionId, parentJobId: input.resumeJobId, workFolder: parent.record.workFolder };
  const spec = parent.record.worktree;
  if (spec) {
    const place = placeWorktree(root, input.resumeJobId, spec);
    target.worktree = { ...spec, path: place.path, branch: place.branch };
    delete target.worktree.setupCommand;
  }
  return target;
}

// Which worktree the job gets, if any, or why it cannot have the one asked for.
async function chooseWorktree(input: TaskInput, workFolder: string, resume: ResumeTarget): Promise<WorktreeSpec | undefined | string> {
  if (!input.worktree && (input.base !== undefined || input.setupCommand !== undefined)) return 'base and setupCommand belong to worktree: true; add it, or leave them out';
  if (resume.worktree) {
    if (input.base !== undefined || input.setupCommand !== undefined) return `job '${resume.parentJobId}' ran in a worktree, and its resume runs in that same worktree: base and setupCommand do not apply`;
    if (input.workFolder !== undefined && input.workFolder !== resume.workFolder) return `job '${resume.parentJobId}' ran in a worktree of ${resume.workFolder}; its resume runs there, so leave workFolder out`;
    if (!(await stat(resume.worktree.path!).catch(() => undefined))) {
      return `the worktree of job '${resume.parentJobId}' (${resume.worktree.path}) was removed by cleanup, so its session cannot be resumed there. Its branch ${resume.worktree.branch} may remain: start a new job with worktree: true and base "${resume.worktree.branch}".`;
    }
    return resume.worktree;
  }
  if (!input.worktree) return undefined;
  // claude finds a session by the folder it ran in; a new worktree is another folder.
  if (resume.sessionId) return 'a resumed session continues in the folder it ran in; worktree: true would start it in a new one. Leave worktree out, or start a new job.';
  return planWorktree(workFolder, { base: input.base, setupCommand: input.setupCommand });
}

// askPermissions hands permission requests to the caller, which skipping them, or a mode that never asks, would defeat.
function checkPermissionChoice(input: TaskInput): string | undefined {
  if (!input.askPermissions) return undefined;
  if (input.skipPermissions) return 'askPermissions sends permission requests to you, and skipPermissions skips them: choose one (askPermissions implies skipPermissions false)';
  if (input.permissionMode === 'bypassPermissions' || input.permissionMode === 'dontAsk') {
    return `askPermissions needs claude to ask, and permissionMode "${input.permissionMode}" never does: use default, acceptEdits, auto or plan, or leave permissionMode out`;
  }
  return undefined;
}

// Turns validated input into a job to create, or says in one sentence why it cannot be one.
export async function prepareJob(context: ServerContext, input: TaskInput): Promise<NewJob | string> {
  const { settings } = context;
  if (settings.depth >= settings.maxDepth) {
    return (
      `refused: this server runs inside a claude-async job nested ${settings.depth} deep (CLAUDE_ASYNC_DEPTH=${settings.depth}), ` +
      `and CLAUDE_ASYNC_MAX_DEPTH is ${settings.maxDepth}. Do this work in the current session, or raise CLAUDE_ASYNC_MAX_DEPTH.`
    );
  }
  const resume = await findResumeTarget(context, input);
  if (typeof resume === 'string') return resume;
  const workFolder = input.workFolder ?? resume.workFolder ?? settings.defaultCwd;
  for (const [name, dir] of [['workFolder', workFolder], ...(input.addDirs ?? []).map((d) => ['addDirs entry', d])] as const) {
    const problem = await problemWithDirectory(name, dir);
    if (problem) return problem;
  }
  if (input.mcpConfig) {
    const problem = await problemWithMcpConfig(input.mcpConfig);
    if (problem) return problem;
  }
  const permissionProblem = checkPermissionChoice(input);
  if (permissionProblem) return permissionProblem;
  const worktree = await chooseWorktree(input, workFolder, resume);
  if (typeof worktree === 'string') return worktree;
  const cli = context.resolveCli();
  if (!cli.found) return cli.message;
  const claude: ClaudeOptions = {
    skipPermissions: input.skipPermissions ?? !input.askPermissions,
    model: input.model,
    permissionMode: input.permissionMode,
    allowedTools: input.allowedTools,
    disallowedTools: input.disallowedTools,
    appendSystemPrompt: input.appendSystemPrompt,
    maxTurns: input.maxTurns,
    maxBudgetUsd: input.maxBudgetUsd,
    addDirs: input.addDirs,
    effort: input.effort,
    mcpConfig: input.mcpConfig,
    askPermissions: input.askPermissions,
    resumeSessionId: resume.sessionId,
    fork: resume.sessionId ? input.fork : undefined,
  };
  const timeoutSeconds = input.timeoutSeconds ?? (settings.timeoutSeconds || undefined);
  return {
    jobId: input.jobId,
    prompt: input.prompt,
    workFolder,
    claudePath: cli.path,
    claude,
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(resume.parentJobId ? { parentJobId: resume.parentJobId } : {}),
    env: buildChildEnv(process.env, { CLAUDE_ASYNC_DEPTH: String(settings.depth + 1) }),
    maxLogBytes: settings.maxLogBytes,
    ...(input.askPermissions ? { permissionTimeoutSeconds: settings.permissionTimeoutSeconds } : {}),
    ...(worktree ? { worktree } : {}),
  };
}
