// Prints a job's stream-json log for a person (or byte for byte with raw), optionally following it to the job's end.
import { readTranscriptLine, type TranscriptState } from '../claude/transcript.js';
import { renderTranscriptItem } from './format/render-transcript.js';
import type { Colors } from './pick-colors.js';
import { readLog, splitLines, type FollowOptions } from './read-log.js';

export async function printTranscript(file: string, colors: Colors, follow?: FollowOptions): Promise<void> {
  const state: TranscriptState = {};
  const lines = splitLines((line) => {
    for (const item of readTranscriptLine(line, state)) process.stdout.write(`${renderTranscriptItem(item, colors)}\n`);
  });
  await readLog(file, lines.push, follow);
  lines.end();
}

export function printRaw(file: string, follow?: FollowOptions): Promise<void> {
  return readLog(file, (text) => process.stdout.write(text), follow);
}
