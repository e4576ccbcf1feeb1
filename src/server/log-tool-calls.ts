// Logs every tool call the server answers (name, duration, isError, the error's words) by watching the JSON-RPC
// messages on the transport: one place, no change to any tool, and calls refused before a handler runs count too.
import {
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCErrorResponse,
  type JSONRPCResultResponse,
  type Transport,
} from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { serverLogPath } from '../jobs/index.js';
import type { Settings } from '../settings.js';
import { PACKAGE_VERSION } from '../version.js';
import { openServerLog, type ServerLog } from './server-log.js';

const ERROR_TEXT_CHARS = 300;

// The stdio transport serve() uses, with the server log started and every tool call logged.
export function createLoggedStdioTransport(settings: Settings): Transport {
  const log = openServerLog(serverLogPath(settings.jobDir));
  log.write(
    `start claude-async ${PACKAGE_VERSION} node ${process.version} jobDir=${settings.jobDir} defaultCwd=${settings.defaultCwd} maxParallel=${settings.maxParallel}`,
  );
  // Observes only: the crash still happens as it would, with its cause on record.
  process.on('uncaughtExceptionMonitor', (error, origin) => log.write(`crash (${origin}): ${error.stack ?? error.message}`));
  return logToolCalls(new StdioServerTransport(), log);
}

export function logToolCalls(inner: Transport, log: ServerLog): Transport {
  const pending = new Map<string | number, { name: string; started: number }>();
  const outer: Transport = {
    start: () => inner.start(),
    close: () => inner.close(),
    send(message, options) {
      const response = isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message) ? message : undefined;
      const call = response?.id === undefined ? undefined : pending.get(response.id);
      const ms = call && Math.round(performance.now() - call.started);
      // Sent first (the transport writes at once): the answer does not wait for the log's disk write.
      const sent = inner.send(message, options);
      if (response?.id !== undefined && call) {
        pending.delete(response.id);
        log.write(`tool ${call.name} ${ms} ms ${describeOutcome(response)}`);
      }
      return sent;
    },
    setProtocolVersion: (version) => inner.setProtocolVersion?.(version),
  };
  inner.onmessage = (message, extra) => {
    if (isJSONRPCRequest(message) && message.method === 'tools/call') {
      const name = message.params?.name;
      pending.set(message.id, { name: typeof name === 'string' ? name : '(no name)', started: performance.now() });
    }
    outer.onmessage?.(message, extra);
  };
  inner.onerror = (error) => {
    log.write(`error: ${error.message}`);
    outer.onerror?.(error);
  };
  inner.onclose = () => {
    log.write('stop: the connection closed');
    outer.onclose?.();
  };
  return outer;
}

function describeOutcome(response: JSONRPCResultResponse | JSONRPCErrorResponse): string {
  if (isJSONRPCErrorResponse(response)) return `error ${response.error.code}: ${shorten(response.error.message)}`;
  const result = response.result as { isError?: boolean; content?: Array<{ text?: unknown }> };
  if (result.isError !== true) return 'ok';
  const text = (result.content ?? []).map((block) => (typeof block.text === 'string' ? block.text : '')).join(' ');
  return `isError: ${shorten(text)}`;
}

function shorten(text: string): string {
  return text.length > ERROR_TEXT_CHARS ? `${text.slice(0, ERROR_TEXT_CHARS)}…` : text;
}
