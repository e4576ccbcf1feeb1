// Grows a finished job's stdout log to a given size without writing it: a hole, then the real lines again at the end.
import { open, readFile } from 'node:fs/promises';

export async function inflateLog(file: string, totalBytes: number): Promise<void> {
  const lines = Buffer.concat([Buffer.from('\n'), await readFile(file)]);
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(totalBytes);
    await handle.write(lines, 0, lines.length, totalBytes - lines.length);
  } finally {
    await handle.close();
  }
}
