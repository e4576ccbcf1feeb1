// claude's argv for a headless job. Pure: the prompt never appears here, it is fed on stdin.
import type { RelayLaunch } from '../permissions/relay-launch.js';
import type { ClaudeOptions } from './options.js';

const NO_MCP_SERVERS = '{"mcpServers":{}}';

export interface ClaudeArgsContext {
  // With askPermissions: the relay that answers claude's permission requests (src/permissions).
  permissionRelay?: RelayLaunch;
}

// The job's MCP configs: the caller's (or none), plus the relay when permission requests go to the caller. A JSON
// config gets the relay merged in; a config file is passed as it is, beside a config holding only the relay.
function mcpConfigs(options: ClaudeOptions, relay: RelayLaunch | undefined): string[] {
  if (!relay) return [options.mcpConfig ?? NO_MCP_SERVERS];
  const own = { [relay.serverName]: relay.server };
  const given = options.mcpConfig?.trimStart();
  if (given && !given.startsWith('{')) return [given, JSON.stringify({ mcpServers: own })];
  const parsed = given ? (JSON.parse(given) as { mcpServers?: Record<string, unknown> }) : {};
  return [JSON.stringify({ ...parsed, mcpServers: { ...parsed.mcpServers, ...own } })];
}

export function buildClaudeArgs(options: ClaudeOptions, context: ClaudeArgsContext = {}): string[] {
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
  const relay = options.askPermissions ? context.permissionRelay : undefined;
  // Without an explicit config a child gets no MCP servers, so it cannot start grandchildren through us.
  for (const config of mcpConfigs(options, relay)) args.push(`--mcp-config=${config}`);
  args.push('--strict-mcp-config');
  if (relay) args.push(`--permission-prompt-tool=${relay.toolName}`);
  if (options.resumeSessionId) {
    args.push('--resume', options.resumeSessionId);
    if (options.fork) args.push('--fork-session');
  }
  return args;
}
