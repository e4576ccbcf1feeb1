// The two logs of the claude_check rows. Both end with the same stretch of ordinary stream-json lines and then the
// job's own lines, so both answers carry the same tail and only the log's size differs; the 2 GiB one is grown
// without writing it, as a hole before that stretch. (A tail reaching into the hole would be NUL bytes, which JSON
// spells in six characters each: the answer would grow, not the reading.)
import { open, readFile, writeFile } from 'node:fs/promises';

const FILLER_BYTES = 64 * 1024;

function fillerLines(): Buffer {
  const line = `${JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: 'working on it '.repeat(8) }] } })}\n`;
  return Buffer.from(line.repeat(Math.ceil(FILLER_BYTES / line.length)));
}

// The job's log after the filler: the small log of the rows.
export async function padLog(file: string): Promise<void> {
  await writeFile(file, Buffer.concat([fillerLines(), await readFile(file)]));
}

// The job's log after the filler, at the end of a file of totalBytes.
export async function inflateLog(file: string, totalBytes: number): Promise<void> {
  const lines = Buffer.concat([Buffer.from('\n'), fillerLines(), await readFile(file)]);
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(totalBytes);
    await handle.write(lines, 0, lines.length, totalBytes - lines.length);
  } finally {
    await handle.close();
  }
}
