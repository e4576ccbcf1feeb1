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
  .describe('Model alias or full model id, e.g. "sonnet", "opus", "claude-sonnet-4-5". Omit for claude\'s default.');

export const PERMISSION_MODES = ['default', 'acceptEdits', 'auto', 'bypassPermissions', 'manual', 'dontAsk', 'plan'] as const;

export const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

// Tool rules like `Bash(git *)` or `mcp__server__tool`; newlines and NULs would split or truncate argv entries.
const ToolRule = z
  .string()
  .min(1, { error: 'a tool rule must not be empty' })
  .max(500)
  .regex(/^[^\n\r\0]+$/, { error: 'a tool rule must be one line (e.g. "Edit" or "Bash(git *)")' });

const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/;

export const ClaudeOptionsSchema = z.object({
  model: ModelSchema.optional(),
  skipPermissions: z.boolean(),
  permissionMode: z.enum(PERMISSION_MODES).optional(),
  allowedTools: z.array(ToolRule).max(200).optional(),
  disallowedTools: z.array(ToolRule).max(200).optional(),
  appendSystemPrompt: z.string().max(100_000).optional(),
  maxTurns: z.number().int().positive().max(10_000).optional(),
  maxBudgetUsd: z.number().positive().max(100_000).optional(),
  addDirs: z.array(z.string()).max(50).optional(),
  effort: z.enum(EFFORT_LEVELS).optional(),
  // A JSON string or a file path for --mcp-config; without it a job gets no MCP servers at all.
  mcpConfig: z.string().max(1_000_000).optional(),
  resumeSessionId: z.string().regex(SESSION_ID).optional(),
  fork: z.boolean().optional(),
});
export type ClaudeOptions = z.infer<typeof ClaudeOptionsSchema>;
