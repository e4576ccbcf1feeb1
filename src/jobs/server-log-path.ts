// Where the MCP server keeps its own log: in the job directory, so one private folder holds all claude-async writes.
import path from 'node:path';

export function serverLogPath(root: string): string {
  return path.join(root, 'server.log');
}
