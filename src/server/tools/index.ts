// Every tool the server offers.
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerContext } from '../context.js';
import { registerClaudeCheck } from './claude-check.js';
import { registerClaudeJobs } from './claude-jobs.js';
import { registerClaudeStart } from './claude-start.js';

export function registerTools(server: McpServer, context: ServerContext): void {
  registerClaudeStart(server, context);
  registerClaudeCheck(server, context);
  registerClaudeJobs(server, context);
}
