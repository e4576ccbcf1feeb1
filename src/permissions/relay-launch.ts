// How a job's claude starts the relay: the MCP server entry for --mcp-config, and the tool name for
// --permission-prompt-tool. Pure and free of the MCP SDK: every runner of an askPermissions job loads it.
export const RELAY_SERVER_NAME = 'claude_async_relay';
export const RELAY_TOOL_NAME = 'approve';

export interface RelayLaunch {
  // The relay's MCP server entry, added to the job's MCP servers.
  server: { command: string; args: string[]; timeout: number };
  serverName: string;
  toolName: string;
}

export const RELAY_COMMAND = 'permission-relay';

// claude's own limit on an MCP tool call (its per-server `timeout`, in ms; MCP_TOOL_TIMEOUT otherwise, which a user
// may have set low) is kept a minute past ours, so a request is always ended by our timeout, with our message.
const CLAUDE_LIMIT_MARGIN_SECONDS = 60;

export function describeRelayLaunch(node: string, cliEntry: string, jobDir: string, timeoutSeconds: number): RelayLaunch {
  return {
    server: {
      command: node,
      args: [cliEntry, RELAY_COMMAND, jobDir, '--timeout', String(timeoutSeconds)],
      timeout: (timeoutSeconds + CLAUDE_LIMIT_MARGIN_SECONDS) * 1000,
    },
    serverName: RELAY_SERVER_NAME,
    toolName: `mcp__${RELAY_SERVER_NAME}__${RELAY_TOOL_NAME}`,
  };
}
