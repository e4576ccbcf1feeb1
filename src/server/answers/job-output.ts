// The `output` a caller may ask claude_check for, beside the answer: none by default; the end of the transcript as
// the CLI's `logs` prints it; raw stream-json from an offset; or claude's final answer from a character offset.
import pc from 'picocolors';
import { readTranscriptLine, type TranscriptState } from '../../claude/transcript.js';
import { renderTranscriptItem } from '../../cli/format/render-transcript.js';
import { hasEnded, jobOutputPaths, readFrom, readTail, type JobSnapshot } from '../../jobs/index.js';

export const OUTPUT_KINDS = ['none', 'transcript', 'raw', 'result'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export interface OutputRequest {
  kind: OutputKind;
  maxBytes: number;
  sinceOffset?: number;
}

const PLAIN = pc.createColors(false);
// Stream-json is several times longer than the transcript it renders to.
const RAW_PER_RENDERED = 8;

export async function readJobOutput(root: string, snapshot: JobSnapshot, request: OutputRequest): Promise<{ output?: string; nextOffset?: number }> {
  const { kind, maxBytes, sinceOffset } = request;
  if (kind === 'none' || !snapshot.record) return {};
  const stdout = jobOutputPaths(root, snapshot.jobId).stdout;
  if (kind === 'raw') {
    // A log that is final is read to its last byte, a cut-off character included.
    const slice = sinceOffset === undefined ? await readTail(stdout, maxBytes) : await readFrom(stdout, sinceOffset, maxBytes, hasEnded(snapshot.status));
    return { output: slice.text, nextOffset: slice.nextOffset };
  }
  if (kind === 'result') {
    const text = snapshot.exit?.result?.result ?? '';
    const from = Math.min(sinceOffset ?? 0, text.length);
    const part = text.slice(from, from + maxBytes);
    return { output: part, nextOffset: from + part.length };
  }
  // claude prints some failures only on stderr: its end comes after the transcript, within the same size.
  const stderr = (await readTail(jobOutputPaths(root, snapshot.jobId).stderr, Math.floor(maxBytes / 2))).text.trim();
  const transcript = await readTranscriptTail(stdout, snapshot.record.workFolder, maxBytes - (stderr ? Buffer.byteLength(stderr) + 9 : 0));
  return { output: stderr ? `${transcript}\nstderr:\n${stderr}` : transcript };
}

// The last whole lines of the rendered transcript that fit in maxBytes.
async function readTranscriptTail(file: string, workFolder: string, maxBytes: number): Promise<string> {
  const slice = await readTail(file, maxBytes * RAW_PER_RENDERED);
  const lines = slice.text.split('\n');
  // A tail that starts mid-line starts with a torn event: skip it.
  if (slice.startOffset > 0) lines.shift();
  const state: TranscriptState = { cwd: workFolder };
  const rendered = lines.flatMap((line) => readTranscriptLine(line, state).map((item) => renderTranscriptItem(item, PLAIN)));
  const kept: string[] = [];
  let bytes = 0;
  for (let i = rendered.length - 1; i >= 0; i -= 1) {
    bytes += Buffer.byteLength(rendered[i]!) + 1;
    if (bytes > maxBytes) break;
    kept.unshift(rendered[i]!);
  }
  return kept.join('\n');
}
