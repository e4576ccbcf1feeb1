// A bare JSON-RPC client over the built server's stdio, for what the SDK's client cannot say: the 2026-07-28 wire
// with per-request capabilities, and the tasks extension's methods. Every process it starts is killed by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { distPath } from '../../src/package-root.js';
import { waitFor } from './wait-for.js';

export type Message = { jsonrpc: '2.0'; id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown } };

export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
export const PROTOCOL_VERSION = '2026-07-28';

export interface RawSession {
  pid: number;
  messages: Message[];
  // Sends a request with the per-request envelope; `tasks` declares the tasks extension on it.
  request(method: string, params?: Record<string, unknown>, options?: { tasks?: boolean }): Promise<Message>;
  // Sends a request and does not wait for its answer (a subscription stays open).
  send(method: string, params?: Record<string, unknown>, options?: { tasks?: boolean }): number;
  close(): void;
}

const open: ChildProcess[] = [];

export function envelope(tasks: boolean): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': PROTOCOL_VERSION,
    'io.modelcontextprotocol/clientInfo': { name: 'raw-test-client', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': tasks ? { extensions: { [TASKS_EXTENSION]: {} } } : {},
  };
}

export function startRawServer(env: Record<string, string>): RawSession {
  const child = spawn(process.execPath, [distPath('src', 'cli', 'main.js')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  open.push(child);
  const messages: Message[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim()) messages.push(JSON.parse(line) as Message);
    }
  });
  child.stderr!.resume();
  let nextId = 1;
  const send = (method: string, params: Record<string, unknown> = {}, options: { tasks?: boolean } = {}): number => {
    const id = nextId++;
    const meta = { ...envelope(options.tasks === true), ...((params._meta as object | undefined) ?? {}) };
    child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } })}\n`);
    return id;
  };
  return {
    pid: child.pid!,
    messages,
    send,
    request: (method, params, options) => {
      const id = send(method, params, options);
      return waitFor(() => messages.find((message) => message.id === id && (message.result || message.error)), `an answer to ${method}`, 30_000);
    },
    close: () => killRaw(child),
  };
}

function killRaw(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
}

export function closeRawServers(): void {
  for (const child of open.splice(0)) killRaw(child);
}
