// Finds claude's final `result` event at the end of its log, reading backwards a window at a time: the event is
// almost always within the last few kilobytes, and reading megabytes each time costs a runner real CPU.
import { findResult } from '../claude/stream-json.js';
import { jobPaths } from './layout.js';
import { readTail } from './logs.js';
import type { ClaudeResult } from './schema.js';

const FIRST_WINDOW = 64 * 1024;
// A final result can be long; this much of the log's end always holds it whole in practice.
const LAST_WINDOW = 8 * 1024 * 1024;

export async function findFinalResult(root: string, jobId: string): Promise<ClaudeResult | undefined> {
  const file = jobPaths(root, jobId).stdout;
  for (let window = FIRST_WINDOW; ; window *= 4) {
    const tail = await readTail(file, Math.min(window, LAST_WINDOW));
    const result = findResult(tail.text);
    if (result || tail.startOffset === 0 || window >= LAST_WINDOW) return result;
  }
}
