// The claude CLI options a job may carry, validated before anything is written. We never run a shell, but values
// still reach claude's argv, so each is held to what the CLI actually accepts.
import { z } from 'zod';

const MODEL_ALIASES = ['default', 'sonnet', 'opus', 'haiku', 'opusplan', 'sonnet[1m]', 'opus[1m]'];
// Anthropic, Bedrock ("us.anthropic.claude-…-v1:0") and Vertex ("claude-…@2025…") model ids.
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,119}(\[1m\])?$/;

export const ModelSchema = z
  .string({ error: 'model must be a string' })
  .refine((m) => MODEL_ALIASES.includes(m) || MODEL_ID.test(m), {
    error: `model must be an alias (${MODEL_ALIASES.join(', ')}) or a model id of letters, digits and . _ : @ - (e.g. claude-sonnet-4-5); spaces and shell characters are not accepted`,
  })
  .describe('Alias or id, e.g. "sonnet".');

export const PERMISSION_MODES = ['default', 'acceptEdits', 'auto', 'bypassPermissions', 'manual', 'dontAsk', 'plan'] as const;

export const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

// The bounds of each option, shared with the tool inputs (src/server/job-input.ts): input the tools accept must be
// a record the store can read back.
export const OPTION_LIMITS = {
  toolRuleChars: 500,
  toolRules: 200,
  appendSystemPromptChars: 100_000,
  maxTurns: 10_000,
  maxBudgetUsd: 100_000,
  addDirs: 50,
  mcpConfigChars: 1_000_000,
} as const;

// Tool rules like `Bash(git *)` or `mcp__server__tool`; newlines and NULs would split or truncate argv entries.
export const TOOL_RULE_PATTERN = /^[^\n\r\0]+$/;

export const SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/;

const ToolRule = z
  .string()
  .min(1, { error: 'a tool rule must not be empty' })
  .max(OPTION_LIMITS.toolRuleChars)
  .regex(TOOL_RULE_PATTERN, { error: 'a tool rule must be one line (e.g. "Edit" or "Bash(git *)")' });

export const ClaudeOptionsSchema = z.object({
  model: ModelSchema.optional(),
  skipPermissions: z.boolean(),
  permissionMode: z.enum(PERMISSION_MODES).optional(),
  allowedTools: z.array(ToolRule).max(OPTION_LIMITS.toolRules).optional(),
  disallowedTools: z.array(ToolRule).max(OPTION_LIMITS.toolRules).optional(),
  appendSystemPrompt: z.string().max(OPTION_LIMITS.appendSystemPromptChars).optional(),
  maxTurns: z.number().int().positive().max(OPTION_LIMITS.maxTurns).optional(),
  maxBudgetUsd: z.number().positive().max(OPTION_LIMITS.maxBudgetUsd).optional(),
  addDirs: z.array(z.string()).max(OPTION_LIMITS.addDirs).optional(),
  effort: z.enum(EFFORT_LEVELS).optional(),
  // A JSON string or a file path for --mcp-config; without it a job gets no MCP servers at all.
  mcpConfig: z.string().max(OPTION_LIMITS.mcpConfigChars).optional(),
  // Permission requests go to the caller (claude_respond) through our relay, instead of being skipped or denied.
  askPermissions: z.boolean().optional(),
  resumeSessionId: z.string().regex(SESSION_ID_PATTERN).optional(),
  fork: z.boolean().optional(),
});
export type ClaudeOptions = z.infer<typeof ClaudeOptionsSchema>;
