// How a job's claude starts the relay: the MCP server entry for --mcp-config, and the tool name for
// --permission-prompt-tool. Pure and free of the MCP SDK: every runner of an askPermissions job loads it.
export const RELAY_SERVER_NAME = 'claude_async_relay';
export const RELAY_TOOL_NAME = 'approve';

export interface RelayLaunch {
  // The relay's MCP server entry ({command, args}), added to the job's MCP servers.
  server: { command: string; args: string[] };
  serverName: string;
  toolName: string;
}

export const RELAY_COMMAND = 'permission-relay';

export function describeRelayLaunch(node: string, cliEntry: string, jobDir: string, timeoutSeconds: number): RelayLaunch {
  return {
    server: { command: node, args: [cliEntry, RELAY_COMMAND, jobDir, '--timeout', String(timeoutSeconds)] },
    serverName: RELAY_SERVER_NAME,
    toolName: `mcp__${RELAY_SERVER_NAME}__${RELAY_TOOL_NAME}`,
  };
}
