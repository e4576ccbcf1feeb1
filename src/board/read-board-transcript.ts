// One job's transcript for the board, as the lines `claude-async logs` prints (without colour): the newest part of
// a long log, cut on a whole line.
import pc from 'picocolors';
import { z } from 'zod';
import { readTranscriptLine, type TranscriptState } from '../claude/transcript.js';
import { renderTranscriptItem } from '../cli/format/render-transcript.js';
import { jobOutputPaths, readTail } from '../jobs/index.js';

const TAIL_BYTES = 256 * 1024;
const PLAIN = pc.createColors(false);

export const BoardTranscriptSchema = z.object({
  jobId: z.string(),
  lines: z.array(z.string()).describe("The transcript, one display line each, oldest first."),
  cut: z.boolean().describe(`true when the log is longer than the last ${TAIL_BYTES / 1024} KB shown.`),
});
export type BoardTranscript = z.infer<typeof BoardTranscriptSchema>;

export async function readBoardTranscript(root: string, jobId: string): Promise<BoardTranscript> {
  const tail = await readTail(jobOutputPaths(root, jobId).stdout, TAIL_BYTES);
  const cut = tail.startOffset > 0;
  const lines = tail.text.split('\n');
  // A tail that starts mid-log starts mid-line too.
  if (cut) lines.shift();
  const state: TranscriptState = {};
  const rendered = lines.flatMap((line) => readTranscriptLine(line, state)).map((item) => renderTranscriptItem(item, PLAIN));
  return { jobId, lines: rendered, cut };
}
