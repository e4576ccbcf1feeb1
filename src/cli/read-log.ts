// Reads a job's log from the start in bounded chunks, by offset, so a huge log streams instead of filling memory;
// when following, polls for more like `tail -f` until the job has ended.
import { setTimeout as sleep } from 'node:timers/promises';
import { followCut, readFrom } from '../jobs/index.js';

const CHUNK_BYTES = 1024 * 1024;

export interface FollowOptions {
  hasEnded: () => Promise<boolean>;
  intervalMs: number;
}

// A log cut under its size cap while followed goes on from the same place in its kept part (see jobs/logs.ts).
export async function readLog(file: string, onText: (text: string) => void, follow?: FollowOptions): Promise<void> {
  let offset = 0;
  let lastCut: string | undefined;
  const drain = async (whole: boolean): Promise<void> => {
    const cut = await followCut(file, offset, lastCut);
    if (cut) ({ offset, cut: lastCut } = cut);
    for (;;) {
      const slice = await readFrom(file, offset, CHUNK_BYTES, whole);
      if (slice.nextOffset <= offset) return;
      onText(slice.text);
      offset = slice.nextOffset;
    }
  };
  if (follow) {
    while (!(await follow.hasEnded())) {
      await drain(false);
      await sleep(follow.intervalMs);
    }
  }
  // The log is final now: its last bytes are read even when they end in a cut-off character.
  await drain(true);
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
