// Every tool the server offers.
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerContext } from '../context.js';
import { registerClaudeBoard } from './claude-board.js';
import { registerClaudeBoardData } from './claude-board-data.js';
import { registerClaudeCancel } from './claude-cancel.js';
import { registerClaudeCheck } from './claude-check.js';
import { registerClaudeCleanup } from './claude-cleanup.js';
import { registerClaudeJobs } from './claude-jobs.js';
import { registerClaudeRespond } from './claude-respond.js';
import { registerClaudeRun } from './claude-run.js';
import { registerClaudeStart } from './claude-start.js';
import { registerClaudeStartBatch } from './claude-start-batch.js';
import { registerClaudeWait } from './claude-wait.js';

export function registerTools(server: McpServer, context: ServerContext): void {
  registerClaudeStart(server, context);
  registerClaudeCheck(server, context);
  registerClaudeJobs(server, context);
  registerClaudeWait(server, context);
  registerClaudeRun(server, context);
  registerClaudeCancel(server, context);
  registerClaudeStartBatch(server, context);
  registerClaudeCleanup(server, context);
  registerClaudeBoard(server, context);
  registerClaudeBoardData(server, context);
  registerClaudeRespond(server, context);
}
