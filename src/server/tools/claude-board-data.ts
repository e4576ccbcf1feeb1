// What the board app fetches, as tools only the app may call (hosts hide them from the model): the board itself and
// one job's transcript. Cancel goes through claude_cancel.
import { registerAppTool } from '@modelcontextprotocol/ext-apps/server';
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { BoardTranscriptSchema, readBoardTranscript } from '../../board/read-board-transcript.js';
import { BoardSchema, readBoard } from '../../board/read-board.js';
import { inspectJob, JobIdSchema } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { dataResult, errorResult } from './tool-result.js';

export const CLAUDE_BOARD_JOBS = 'claude_board_jobs';
export const CLAUDE_BOARD_TRANSCRIPT = 'claude_board_transcript';

const APP_ONLY = { ui: { visibility: ['app' as const] } };
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export function registerClaudeBoardData(server: McpServer, context: ServerContext): void {
  registerAppTool(
    server,
    CLAUDE_BOARD_JOBS,
    {
      title: 'Job board data',
      description: 'For the job board app: the newest jobs as the board shows them.',
      inputSchema: z.strictObject({}),
      outputSchema: BoardSchema,
      annotations: READ_ONLY,
      _meta: APP_ONLY,
    },
    async () => dataResult(await readBoard(context.settings.jobDir, context.activity)),
  );
  registerAppTool(
    server,
    CLAUDE_BOARD_TRANSCRIPT,
    {
      title: 'Job board transcript',
      description: "For the job board app: one job's transcript as display lines.",
      inputSchema: z.strictObject({ jobId: JobIdSchema.describe('The job whose transcript to show.') }),
      outputSchema: BoardTranscriptSchema,
      annotations: READ_ONLY,
      _meta: APP_ONLY,
    },
    async ({ jobId }) => {
      const root = context.settings.jobDir;
      if (!(await inspectJob(root, jobId)).record) return errorResult(`No job '${jobId}'. claude_jobs lists the jobs.`);
      return dataResult(await readBoardTranscript(root, jobId));
    },
  );
}
