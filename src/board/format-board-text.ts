// The board as plain text, for hosts that show no MCP App: one line a job.
import type { Board } from './read-board.js';

export function formatBoardText(board: Board): string {
  if (board.jobs.length === 0) return 'No jobs yet.';
  const lines = board.jobs.map((job) => {
    const cost = job.costUsd === undefined ? '' : ` $${job.costUsd.toFixed(4)}`;
    const doing = job.activity ? ` — ${job.activity}` : '';
    return `${job.status.padEnd(9)} ${job.jobId}${cost}  ${job.promptSummary ?? ''}${doing}`;
  });
  const more = board.total > board.jobs.length ? [`(${board.total - board.jobs.length} older jobs not shown)`] : [];
  return [...lines, ...more].join('\n');
}
