// McpServer owns some request handlers (tools/call, tools/list) and offers no hook to adjust what they do; this takes
// the one it registered and puts a wrapper around it, through the accessor the SDK keeps for itself. Tests over
// stdio fail if an SDK upgrade takes that accessor away.
import type { McpServer, ServerContext as McpRequestContext } from '@modelcontextprotocol/server';

export type RequestHandler = (request: { method: string; params?: Record<string, unknown> }, ctx: McpRequestContext) => Promise<Record<string, unknown>>;

export function wrapRequestHandler(mcp: McpServer, method: string, wrap: (original: RequestHandler) => RequestHandler): void {
  const server = mcp.server as unknown as { _getRequestHandler(method: string): RequestHandler | undefined } & McpServer['server'];
  const original = server._getRequestHandler(method);
  if (!original) throw new Error(`no ${method} handler to wrap: register the tools first`);
  server.removeRequestHandler(method as Parameters<McpServer['server']['removeRequestHandler']>[0]);
  server.setRequestHandler(method as 'tools/list', wrap(original) as never);
}
