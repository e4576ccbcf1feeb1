// A model pays for our tool definitions in bytes each time it loads them. The schemas the SDK makes from zod each
// name their JSON Schema dialect ("$schema"), which MCP already fixes (2020-12 by default): it is left out.
import type { McpServer } from '@modelcontextprotocol/server';
import { wrapRequestHandler } from './wrap-request-handler.js';

export function leanToolList(mcp: McpServer): void {
  wrapRequestHandler(mcp, 'tools/list', (list) => async (request, ctx) => {
    const result = await list(request, ctx);
    for (const tool of (result.tools ?? []) as Array<{ inputSchema?: Record<string, unknown>; outputSchema?: Record<string, unknown> }>) {
      delete tool.inputSchema?.$schema;
      delete tool.outputSchema?.$schema;
    }
    return result;
  });
}
