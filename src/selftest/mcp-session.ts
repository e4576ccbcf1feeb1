// A real MCP client session with a claude-async server over stdio: what --selftest (and a test) drive.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
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
