// Reads a job's log from the start in bounded chunks, by offset, so a huge log streams instead of filling memory;
// when following, polls for more like `tail -f` until the job has ended.
import { setTimeout as sleep } from 'node:timers/promises';
import { locateInLog, readCutState, readFrom } from '../jobs/index.js';

const CHUNK_BYTES = 1024 * 1024;

export interface FollowOptions {
  hasEnded: () => Promise<boolean>;
  intervalMs: number;
}

// The reader keeps its place in claude's own output, not in the file, so a log cut under its size cap while it is
// followed goes on from the same place (or from the cut's marker, when what came next was cut before it was read).
// A read that overlapped a cut is thrown away and done again (see CutState in jobs/logs.ts).
export async function readLog(file: string, onText: (text: string) => void, follow?: FollowOptions): Promise<void> {
  let position = 0;
  const drain = async (whole: boolean): Promise<boolean> => {
    for (;;) {
      const state = readCutState(file);
      if (state.seq % 2 === 1) return false;
      const { offset, lost } = locateInLog(state, position);
      // Cut away before it was read: the marker line says how much, and reading goes on after it.
      const from = lost ? 0 : offset;
      const slice = await readFrom(file, from, CHUNK_BYTES, whole);
      if (readCutState(file).seq !== state.seq) return false;
      if (slice.nextOffset <= from) return true;
      onText(slice.text);
      position = state.seq === 0 ? slice.nextOffset : state.total + Math.max(0, slice.nextOffset - state.markerBytes);
    }
  };
  if (follow) {
    while (!(await follow.hasEnded())) {
      await drain(false);
      await sleep(follow.intervalMs);
    }
  }
  // The log is final now (a cut may still be finishing): its last bytes are read even when they end in a cut-off
  // character.
  while (!(await drain(true))) await sleep(follow?.intervalMs ?? 50);
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
