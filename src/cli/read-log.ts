// Reads a job's log from the start in bounded chunks, by offset, so a huge log streams instead of filling memory;
// when following, polls for more like `tail -f` until the job has ended.
import { setTimeout as sleep } from 'node:timers/promises';
import { readFrom } from '../jobs/index.js';

const CHUNK_BYTES = 1024 * 1024;

export interface FollowOptions {
  hasEnded: () => Promise<boolean>;
  intervalMs: number;
}

export async function readLog(file: string, onText: (text: string) => void, follow?: FollowOptions): Promise<void> {
  let offset = 0;
  const drain = async (): Promise<void> => {
    for (;;) {
      const slice = await readFrom(file, offset, CHUNK_BYTES);
      if (slice.nextOffset <= offset) return;
      onText(slice.text);
      offset = slice.nextOffset;
    }
  };
  await drain();
  if (!follow) return;
  while (!(await follow.hasEnded())) {
    await sleep(follow.intervalMs);
    await drain();
  }
  // Output written between the last read and the end of the job.
  await drain();
}

// Cuts a stream of text into whole lines; a line still being written waits for its newline (or the end).
export function splitLines(onLine: (line: string) => void): { push: (text: string) => void; end: () => void } {
  let pending = '';
  return {
    push(text) {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}
