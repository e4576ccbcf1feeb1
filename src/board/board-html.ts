// The board's page: one self-contained HTML file (its script and styles inline, nothing from other origins), built
// by scripts/finish-build into dist/board. The MCP App and the dashboard serve the same file.
import { readFile } from 'node:fs/promises';
import { distPath } from '../package-root.js';

let cached: Promise<string> | undefined;

export function readBoardHtml(): Promise<string> {
  // A failed read (a build without the board) is tried again next time rather than remembered.
  cached ??= readFile(distPath('board', 'board.html'), 'utf8').catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
