// Reads a job's output by position, so a multi-gigabyte log costs what a small one does.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { writeRecord } from './records.js';

export interface LogSlice {
  text: string;
  // Byte offset where `text` starts and where the next read should start.
  startOffset: number;
  nextOffset: number;
  size: number;
}

const EMPTY = (size = 0): LogSlice => ({ text: '', startOffset: size, nextOffset: size, size });

function isContinuationByte(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

// Bytes at the start that belong to a character begun before the slice.
function countLeadingContinuations(buffer: Buffer, length: number): number {
  let skip = 0;
  while (skip < length && skip < 3 && isContinuationByte(buffer[skip]!)) skip += 1;
  return skip;
}

// Bytes at the end that begin a character the slice does not finish.
function countIncompleteTail(buffer: Buffer, length: number): number {
  for (let back = 1; back <= Math.min(4, length); back += 1) {
    const byte = buffer[length - back]!;
    if (isContinuationByte(byte)) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

// Synchronous, as the records are: an open, a stat, a read and a close take microseconds on a local disk, where
// each asynchronous call waits its turn on the thread pool, and a check reads two logs.
async function readSlice(file: string, from: (size: number) => number, maxBytes: number, whole = false): Promise<LogSlice> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY();
    throw error;
  }
  try {
    const { size } = fstatSync(fd);
    const start = Math.min(Math.max(0, from(size)), size);
    const length = Math.min(size - start, maxBytes);
    if (length <= 0) return EMPTY(size);
    const buffer = Buffer.alloc(length);
    const bytesRead = readSync(fd, buffer, 0, length, start);
    const head = start > 0 ? countLeadingContinuations(buffer, bytesRead) : 0;
    // A character still being written is left for the next read, unless the log is final (`whole`).
    const tail = whole ? 0 : countIncompleteTail(buffer, bytesRead);
    const end = Math.max(head, bytesRead - tail);
    return { text: buffer.toString('utf8', head, end), startOffset: start + head, nextOffset: start + end, size };
  } finally {
    closeSync(fd);
  }
}

// The last `maxBytes` of a log, starting on a character boundary.
export function readTail(file: string, maxBytes: number): Promise<LogSlice> {
  return readSlice(file, (size) => size - maxBytes, maxBytes);
}

// What was written at or after `offset`, at most `maxBytes`, ending on a character boundary; with `whole` (a log
// nothing writes to any more) up to its last byte, a cut-off character included.
export function readFrom(file: string, offset: number, maxBytes: number, whole = false): Promise<LogSlice> {
  return readSlice(file, () => offset, maxBytes, whole);
}

// How a log stands towards claude's own output (its "stream"), kept beside it (<log>.cut) by capLog: after n cuts
// the log is one marker line of `markerBytes`, then the stream from byte `total` on. `seq` is odd while a cut is
// under way, so a reader that saw the same even `seq` before and after its read knows the read was whole.
export interface CutState {
  seq: number;
  total: number;
  markerBytes: number;
}

const UNCUT: CutState = { seq: 0, total: 0, markerBytes: 0 };

export function readCutState(file: string): CutState {
  try {
    const state = JSON.parse(readFileSync(`${file}.cut`, 'utf8')) as CutState;
    return Number.isInteger(state.seq) ? state : UNCUT;
  } catch {
    return UNCUT;
  }
}

function writeCutState(file: string, state: CutState): Promise<void> {
  return writeRecord(`${file}.cut`, state).catch(() => undefined);
}

// Where the stream's byte `position` is in the log now, and whether it was cut away before anyone read it.
export function locateInLog(state: CutState, position: number): { offset: number; lost: boolean } {
  if (state.seq === 0) return { offset: position, lost: false };
  return { offset: state.markerBytes + Math.max(0, position - state.total), lost: position < state.total };
}

// A marker line in claude's own stream-json form, so transcript readers see the cut and skip it as an event.
function cutMarker(bytes: number, total: number): Buffer {
  return Buffer.from(`${JSON.stringify({ type: 'claude_async_cut', bytes, total, note: `claude-async cut ${bytes} bytes here to keep the log under its size cap` })}\n`);
}

const COPY_CHUNK = 1024 * 1024;

// Where the kept part starts: the first whole line in the newest half.
async function findKeptStart(handle: FileHandle, size: number, keep: number): Promise<number> {
  const from = size - keep;
  const probe = Buffer.alloc(Math.min(COPY_CHUNK, keep));
  const { bytesRead } = await handle.read(probe, 0, probe.length, from);
  const newline = probe.subarray(0, bytesRead).indexOf(0x0a);
  return newline >= 0 ? from + newline + 1 : from;
}

// Cuts a log past maxBytes down to its newest half, starting at a whole line, in place and a chunk at a time (the
// log may be far larger than the worker's memory). Bytes claude appends meanwhile are copied too, until the copy
// has caught up; only then is the file shortened. The cut is announced in <log>.cut before it starts and recorded
// there when it is done (see CutState). Returns the bytes cut.
export async function capLog(file: string, maxBytes: number): Promise<number> {
  // Never through a link planted as the log: the cut would shorten a file outside the job.
  const handle = await open(file, constants.O_RDWR | constants.O_NOFOLLOW).catch(() => undefined);
  if (!handle) return 0;
  try {
    let size = (await handle.stat()).size;
    if (size <= maxBytes) return 0;
    const before = readCutState(file);
    const keptStart = await findKeptStart(handle, size, Math.floor(maxBytes / 2));
    // What is cut is the old marker and the stream up to the kept part.
    const total = before.total + keptStart - before.markerBytes;
    const marker = cutMarker(keptStart, total);
    // Best effort: on a full disk the cut must still happen, for it is what gives the space back.
    await writeCutState(file, { ...before, seq: before.seq + 1 });
    const chunk = Buffer.alloc(COPY_CHUNK);
    let readAt = keptStart;
    let writeAt = marker.length;
    for (;;) {
      while (readAt < size) {
        const { bytesRead } = await handle.read(chunk, 0, Math.min(COPY_CHUNK, size - readAt), readAt);
        if (bytesRead === 0) break;
        await handle.write(chunk, 0, bytesRead, writeAt);
        readAt += bytesRead;
        writeAt += bytesRead;
      }
      const now = (await handle.stat()).size;
      if (now === size) break;
      size = now;
    }
    await handle.write(marker, 0, marker.length, 0);
    await handle.truncate(writeAt);
    await writeCutState(file, { seq: before.seq + 2, total, markerBytes: marker.length });
    return keptStart;
  } finally {
    await handle.close();
  }
}
