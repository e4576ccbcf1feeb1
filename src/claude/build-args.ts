// claude's argv for a headless job. Pure: the prompt never appears here, it is fed on stdin.
import type { ClaudeOptions } from './options.js';

const NO_MCP_SERVERS = '{"mcpServers":{}}';

export function buildClaudeArgs(options: ClaudeOptions): string[] {
  const args = ['-p', '--output-format', 'stream-json', '--verbose'];
  if (options.model) args.push('--model', options.model);
  if (options.skipPermissions) args.push('--dangerously-skip-permissions');
  if (options.permissionMode) args.push('--permission-mode', options.permissionMode);
  // `--flag=value` keeps a value that starts with "-" from being read as a flag.
  if (options.allowedTools?.length) args.push(`--allowedTools=${options.allowedTools.join(',')}`);
  if (options.disallowedTools?.length) args.push(`--disallowedTools=${options.disallowedTools.join(',')}`);
  if (options.appendSystemPrompt) args.push(`--append-system-prompt=${options.appendSystemPrompt}`);
  if (options.maxTurns !== undefined) args.push('--max-turns', String(options.maxTurns));
  if (options.maxBudgetUsd !== undefined) args.push('--max-budget-usd', String(options.maxBudgetUsd));
  for (const dir of options.addDirs ?? []) args.push(`--add-dir=${dir}`);
  if (options.effort) args.push('--effort', options.effort);
  // Without an explicit config a child gets no MCP servers, so it cannot start grandchildren through us.
  args.push(`--mcp-config=${options.mcpConfig ?? NO_MCP_SERVERS}`, '--strict-mcp-config');
  if (options.resumeSessionId) {
    args.push('--resume', options.resumeSessionId);
    if (options.fork) args.push('--fork-session');
  }
  return args;
}
