// The tasks extension (io.modelcontextprotocol/tasks, 2026-07-28) on the SDK's own request handlers, which have its
// wire types but no runtime for it: advertised in server/discover; claude_run answers a request that declares it with
// a task once the job is recorded; tasks/get, tasks/cancel and tasks/update read and act on the job store.
import { ProtocolError, ProtocolErrorCode, type McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { cancelJob, inspectJob } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { CLAUDE_RUN, startRunTask } from '../tools/claude-run.js';
import { wrapRequestHandler } from '../wrap-request-handler.js';
import { readJobTask, type TaskInputHooks } from './read-job-task.js';
import { requireTasks, declaresTasks, TASKS_EXTENSION } from './tasks-capability.js';

const TaskIdParams = z.looseObject({ taskId: z.string({ error: 'taskId must be a string' }) });

export function serveTasks(mcp: McpServer, context: ServerContext, input?: TaskInputHooks): void {
  const server = mcp.server;
  server.registerCapabilities({ extensions: { [TASKS_EXTENSION]: {} } });
  server.setRequestHandler('tasks/get', { params: TaskIdParams }, async ({ taskId }, ctx) => {
    requireTasks(ctx, 'tasks/get');
    return readJobTask(context, taskId, input);
  });
  server.setRequestHandler('tasks/cancel', { params: TaskIdParams }, async ({ taskId }, ctx) => {
    requireTasks(ctx, 'tasks/cancel');
    await findJob(context, taskId);
    await cancelJob(context.settings.jobDir, taskId);
    return {};
  });
  server.setRequestHandler('tasks/update', { params: TaskIdParams }, async ({ taskId }, ctx) => {
    requireTasks(ctx, 'tasks/update');
    await findJob(context, taskId);
    // The SDK lifts inputResponses (the multi-round-trip field) out of the params into the request's context.
    // Responses to requests that are not outstanding are ignored, as the extension asks.
    const responses = (ctx.mcpReq as { inputResponses?: Record<string, unknown> }).inputResponses;
    if (input && responses) await input.answerInput(taskId, responses);
    return {};
  });
  wrapToolCalls(mcp, context);
}

// McpServer owns tools/call and checks every result against CallToolResult; a task is another result type. Its
// handler is kept and called for everything but a claude_run that may become a task.
function wrapToolCalls(mcp: McpServer, context: ServerContext): void {
  wrapRequestHandler(mcp, 'tools/call', (toolCalls) => async (request, ctx) => {
    const { name, arguments: args } = (request.params ?? {}) as { name?: string; arguments?: Record<string, unknown> };
    if (name === CLAUDE_RUN && declaresTasks(ctx)) {
      const task = await startRunTask(context, args ?? {});
      // A CreateTaskResult: the extension's other result type for tools/call, which the SDK's types do not name.
      if (task) return task;
    }
    return toolCalls(request, ctx);
  });
}

async function findJob(context: ServerContext, taskId: string): Promise<void> {
  const snapshot = await inspectJob(context.settings.jobDir, taskId);
  if (snapshot.status === 'unknown') throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No task '${taskId}': ${snapshot.reason ?? 'no such job'}`);
}
