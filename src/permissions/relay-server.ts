// The permission relay: a tiny MCP server, our own binary in a relay mode, that a job's claude is given as its
// --permission-prompt-tool. Each request becomes a file in the job's directory; the relay waits for the answer
// (claude_respond, `claude-async respond`) and hands it to claude.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
import { PACKAGE_VERSION } from '../version.js';
import { awaitAnswer, toDecision } from './await-answer.js';
import { RELAY_SERVER_NAME, RELAY_TOOL_NAME } from './relay-launch.js';
import { recordRequest } from './request-files.js';

// What claude sends: the tool it wants to use, that tool's input, and the tool_use id.
const AskSchema = z.looseObject({
  tool_name: z.string(),
  input: z.record(z.string(), z.unknown()).default({}),
  tool_use_id: z.string().optional(),
});

export function buildRelayServer(jobDir: string, timeoutSeconds: number): McpServer {
  const server = new McpServer({ name: RELAY_SERVER_NAME, version: PACKAGE_VERSION }, { capabilities: { tools: {} } });
  server.registerTool(
    RELAY_TOOL_NAME,
    {
      description: 'Asks the claude-async caller whether a tool use may run. Called by Claude Code itself; not for the model.',
      inputSchema: AskSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (asked, request) => {
      const recorded = await recordRequest(jobDir, { tool: asked.tool_name, input: asked.input, ...(asked.tool_use_id ? { toolUseId: asked.tool_use_id } : {}) }, timeoutSeconds);
      const answer = await awaitAnswer(jobDir, recorded, request.mcpReq.signal);
      return { content: [{ type: 'text', text: toDecision(recorded, answer) }] };
    },
  );
  return server;
}

export function serveRelay(jobDir: string, timeoutSeconds: number): void {
  const handle = serveStdio(() => buildRelayServer(jobDir, timeoutSeconds), {
    onerror: (error) => process.stderr.write(`claude-async relay: ${error.message}\n`),
  });
  const shutdown = () => void handle.close().finally(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.stdin.once('end', shutdown);
}
