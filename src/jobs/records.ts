// Reading and writing the JSON records of a job: atomic writes, tolerant reads. The job store's small files are
// read and written with synchronous calls: each takes microseconds on a local disk, where an asynchronous one
// waits its turn on the thread pool, and a start makes dozens of them (measured: a start's round trip halves).
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export type ReadResult<T> = { state: 'ok'; value: T } | { state: 'missing' } | { state: 'invalid'; reason: string };

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// A torn, empty or foreign file yields `invalid` with the reason, never an exception.
export async function readJson(file: string): Promise<ReadResult<unknown>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', reason: `cannot read ${file}: ${describeError(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const what = text.length === 0 ? 'is empty' : `is not valid JSON (${describeError(error)})`;
    return { state: 'invalid', reason: `${file} ${what}` };
  }
  return { state: 'ok', value: json };
}

export async function readRecord<S extends z.ZodType>(file: string, schema: S): Promise<ReadResult<z.infer<S>>> {
  const json = await readJson(file);
  if (json.state !== 'ok') return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { state: 'invalid', reason: `${file} does not hold a valid record (${issue?.path.join('.') || 'root'}: ${issue?.message})` };
  }
  return { state: 'ok', value: parsed.data };
}

export function valueOf<T>(result: ReadResult<T>): T | undefined {
  return result.state === 'ok' ? result.value : undefined;
}

let tempCount = 0;

// A temp file unique among live writers by pid and count (no crypto: it would cost a runner ~5 ms of loading),
// created exclusively, so a link planted under its name is never followed.
function writeTemp(file: string, value: unknown): string {
  tempCount += 1;
  const temp = `${file}.${process.pid}-${tempCount}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(value)}\n`, { mode: FILE_MODE, flag: 'wx' });
  } catch (error) {
    // Made but not filled (a full disk): not left behind.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') removeQuietly(temp);
    throw error;
  }
  return temp;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

// Temp file, then rename: a reader sees the old record or the new one, never half of one. The rename replaces a
// symlink planted as the record instead of writing through it (write-file-atomic resolves links, so it is not used
// inside a job's directory). Not fsynced: a record only has to outlive our processes, not a power cut (after one,
// a torn record reads as `unknown` with the reason), and an fsync would double a start's cost.
export async function writeRecord(file: string, value: unknown): Promise<void> {
  const temp = writeTemp(file, value);
  try {
    renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

// Publishes a record only if none exists yet: the complete temp file is hard-linked into place, which fails with
// EEXIST when another writer got there first. Returns whether ours is the one that stands.
export async function writeRecordOnce(file: string, value: unknown): Promise<boolean> {
  const temp = writeTemp(file, value);
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    removeQuietly(temp);
  }
}
