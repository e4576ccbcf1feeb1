// claude_board: the job board. In hosts that render MCP Apps (Claude Desktop) it opens a live board (the
// ui:// resource below); everywhere else its answer is the same list as text and data.
import { registerAppResource, registerAppTool, RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { readBoardHtml } from '../../board/board-html.js';
import { formatBoardText } from '../../board/format-board-text.js';
import { BoardSchema, readBoard } from '../../board/read-board.js';
import type { ServerContext } from '../context.js';

export const CLAUDE_BOARD = 'claude_board';
export const BOARD_URI = 'ui://claude-async/board.html';

export function registerClaudeBoard(server: McpServer, context: ServerContext): void {
  registerAppResource(
    server,
    'claude-async job board',
    BOARD_URI,
    { description: 'A live table of claude-async jobs with their transcripts and a cancel button.' },
    async () => ({ contents: [{ uri: BOARD_URI, mimeType: RESOURCE_MIME_TYPE, text: await readBoardHtml() }] }),
  );
  registerAppTool(
    server,
    CLAUDE_BOARD,
    {
      title: 'Show the job board',
      description: 'Shows the newest jobs and what each is doing: a live board where hosts display apps, text elsewhere.',
      inputSchema: z.strictObject({}),
      outputSchema: BoardSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      _meta: { ui: { resourceUri: BOARD_URI } },
    },
    async () => {
      const board = await readBoard(context.settings.jobDir, context.activity);
      return { content: [{ type: 'text', text: formatBoardText(board) }], structuredContent: board };
    },
  );
}
