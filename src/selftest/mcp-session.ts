// A real MCP client session with a claude-async server over stdio: what --selftest (and a test) drive.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import path from 'node:path';
import { hasEnded } from '../jobs/status.js';
import type { JobStatus } from '../jobs/schema.js';
import { distPath } from '../package-root.js';
import { PACKAGE_VERSION } from '../version.js';

export interface McpSession {
  client: Client;
  pid: number | null;
  call(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function openMcpSession(env: Record<string, string>): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [distPath('src', 'cli', 'main.js')],
    env,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'claude-async-selftest', version: PACKAGE_VERSION });
  await client.connect(transport);
  return {
    client,
    pid: transport.pid,
    async call(name, args) {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError) {
        const text = (result.content as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join(' ');
        throw new Error(`${name} refused: ${text}`);
      }
      return result.structuredContent as Record<string, unknown>;
    },
    close: () => client.close(),
  };
}

// This process's environment for a server of our own, with its jobs kept in `scratch` and run by `claudePath`.
export function scratchServerEnv(scratch: string, claudePath: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, CLAUDE_ASYNC_JOB_DIR: path.join(scratch, 'jobs'), CLAUDE_ASYNC_DEFAULT_CWD: scratch, CLAUDE_CLI_PATH: claudePath };
}

export function viewHasEnded(view: Record<string, unknown>): boolean {
  return hasEnded(view.status as JobStatus);
}

// Follows a job with bounded waits until it ends or the deadline passes; returns the last view either way.
export async function waitForJobEnd(session: McpSession, jobId: string, deadlineMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const left = Math.ceil((deadline - Date.now()) / 1000);
    const view = await session.call('claude_check', { jobId, waitSeconds: Math.min(30, Math.max(0, left)), output: 'transcript' });
    if (viewHasEnded(view) || Date.now() >= deadline) return view;
  }
}
