// Where the board page gets its data: from the dashboard over HTTP (the page was opened with ?token=...), or, inside
// an MCP host, from our server's app-only tools through the host's app bridge.
import { App } from '@modelcontextprotocol/ext-apps';
import type { Board } from '../read-board.js';
import type { BoardTranscript } from '../read-board-transcript.js';

export interface BoardSource {
  readBoard(): Promise<Board>;
  readTranscript(jobId: string): Promise<BoardTranscript>;
  // What the cancel did, in words.
  cancel(jobId: string): Promise<string>;
}

export async function connectBoardSource(location: Location): Promise<BoardSource> {
  const token = new URLSearchParams(location.search).get('token');
  if (location.protocol.startsWith('http') && token) return connectHttp(token);
  return connectApp();
}

function connectHttp(token: string): BoardSource {
  const call = async <T>(method: string, route: string, params: Record<string, string> = {}): Promise<T> => {
    const query = new URLSearchParams({ ...params, token });
    const response = await fetch(`${route}?${query}`, { method });
    const body = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    return body;
  };
  return {
    readBoard: () => call<Board>('GET', '/api/board'),
    readTranscript: (jobId) => call<BoardTranscript>('GET', '/api/transcript', { jobId }),
    cancel: async (jobId) => (await call<{ said: string }>('POST', '/api/cancel', { jobId })).said,
  };
}

async function connectApp(): Promise<BoardSource> {
  const app = new App({ name: 'claude-async board', version: '1.0.0' });
  await app.connect();
  const call = async <T>(name: string, args: Record<string, unknown>): Promise<T> => {
    const result = await app.callServerTool({ name, arguments: args });
    const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join(' ');
    if (result.isError) throw new Error(text || `${name} failed`);
    return (result.structuredContent ?? JSON.parse(text)) as T;
  };
  return {
    readBoard: () => call<Board>('claude_board_jobs', {}),
    readTranscript: (jobId) => call<BoardTranscript>('claude_board_transcript', { jobId }),
    cancel: async (jobId) => {
      const result = await app.callServerTool({ name: 'claude_cancel', arguments: { jobId } });
      return result.content.map((block) => (block.type === 'text' ? block.text : '')).join(' ');
    },
  };
}
