// The tasks extension is negotiated per request: a client declares it in each request's capabilities, and only such
// a request may get a task, or use tasks/*.
import { CLIENT_CAPABILITIES_META_KEY, MissingRequiredClientCapabilityError, type ServerContext as McpRequestContext } from '@modelcontextprotocol/server';

export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

type Meta = Record<string, unknown> | undefined;

export function declaresTasks(request: McpRequestContext): boolean {
  const { envelope, _meta } = request.mcpReq as { envelope?: Meta; _meta?: Meta };
  const capabilities = (envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? _meta?.[CLIENT_CAPABILITIES_META_KEY]) as { extensions?: Record<string, unknown> } | undefined;
  return capabilities?.extensions?.[TASKS_EXTENSION] !== undefined;
}

export function requireTasks(request: McpRequestContext, method: string): void {
  if (declaresTasks(request)) return;
  throw new MissingRequiredClientCapabilityError(
    { requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } },
    `${method} needs the ${TASKS_EXTENSION} extension declared in this request's client capabilities`,
  );
}
