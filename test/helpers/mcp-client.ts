// Test sessions with the built server over stdio through the SDK's client, closed (and killed by pid) afterwards.
import { openMcpSession, type McpSession } from '../../src/selftest/mcp-session.js';
import { waitFor } from './wait-for.js';

const open: McpSession[] = [];

export async function startServer(env: Record<string, string>): Promise<McpSession> {
  const session = await openMcpSession(env);
  open.push(session);
  return session;
}

export async function closeServers(): Promise<void> {
  for (const session of open.splice(0)) {
    await session.close().catch(() => undefined);
    if (session.pid) {
      try {
        process.kill(session.pid, 'SIGKILL');
      } catch {
        // Exited on close.
      }
    }
  }
}

export type Json = Record<string, unknown>;

// Calls a tool and returns the raw result, error or not.
export async function callRaw(session: McpSession, name: string, args: Json): Promise<{ isError: boolean; text: string; data?: Json }> {
  const result = await session.client.callTool({ name, arguments: args });
  const text = (result.content as Array<{ text?: string }>).map((c) => c.text ?? '').join('\n');
  return { isError: result.isError === true, text, data: result.structuredContent as Json | undefined };
}

export async function waitForStatus(session: McpSession, jobId: string, statuses: string[], timeoutMs = 20_000): Promise<Json> {
  return waitFor(
    async () => {
      const view = await session.call('claude_check', { jobId });
      return statuses.includes(String(view.status)) ? view : undefined;
    },
    `job ${jobId} to reach ${statuses.join('|')}`,
    timeoutMs,
  );
}

// Waits until the job's claude process is running and returns the view that shows its pid.
export async function waitForClaude(session: McpSession, jobId: string): Promise<Json> {
  return waitFor(async () => {
    const view = await session.call('claude_check', { jobId });
    return view.pid ? view : undefined;
  }, `claude of job ${jobId} to start`);
}
