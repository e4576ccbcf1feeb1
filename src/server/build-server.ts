// The server factory: one McpServer with every tool, independent of the transport.
import { McpServer } from '@modelcontextprotocol/server';
import { PACKAGE_VERSION } from '../version.js';
import type { ServerContext } from './context.js';
import { leanToolList } from './lean-tool-list.js';
import { permissionInput } from './tasks/permission-input.js';
import { serveTasks } from './tasks/serve-tasks.js';
import { registerTools } from './tools/index.js';

const INSTRUCTIONS =
  'Runs Claude Code sessions as background jobs that survive timeouts and restarts. claude_start returns a jobId at ' +
  'once; claude_check with waitSeconds waits for its end and gives claude\'s answer.';

export function buildServer(context: ServerContext): McpServer {
  const server = new McpServer({ name: 'claude-async', version: PACKAGE_VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  registerTools(server, context);
  serveTasks(server, context, permissionInput(context));
  leanToolList(server);
  return server;
}
