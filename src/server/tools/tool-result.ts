// The two shapes a tool answers with: structured data (plus the same as compact JSON text), or an error a model can
// act on.
import type { CallToolResult } from '@modelcontextprotocol/server';

export function dataResult<T extends Record<string, unknown>>(data: T): CallToolResult & { structuredContent: T } {
  return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
}

export function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}
