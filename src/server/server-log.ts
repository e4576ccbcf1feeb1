// The MCP server's own log, <jobDir>/server.log (0600): what a person reads when a host says the server misbehaved.
// Never stdout, which is the protocol. Kept under a size cap by moving it to server.log.1 (one old file is kept).
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

export const MAX_LOG_BYTES = 5 * 1024 * 1024;
const MAX_LINE_CHARS = 2000;

export interface ServerLog {
  file: string;
  write(text: string): void;
}

export function openServerLog(file: string, maxBytes = MAX_LOG_BYTES): ServerLog {
  let failed = false;
  return {
    file,
    write(text) {
      const flat = text.replace(/\s*\n\s*/g, ' ');
      const line = `${new Date().toISOString()} [${process.pid}] ${flat.length > MAX_LINE_CHARS ? `${flat.slice(0, MAX_LINE_CHARS)}…` : flat}\n`;
      try {
        // Appends are synchronous and small, so a line is on disk even if the process dies right after.
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        rotateIfFull(file, maxBytes - Buffer.byteLength(line));
        appendFileSync(file, line, { mode: 0o600 });
      } catch (error) {
        // A log that cannot be written must never take a tool call down; say so once, on stderr.
        if (!failed) process.stderr.write(`claude-async: cannot write the server log ${file}: ${(error as Error).message}\n`);
        failed = true;
      }
    },
  };
}

function rotateIfFull(file: string, room: number): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return;
  }
  if (size > room) renameSync(file, `${file}.1`);
}
