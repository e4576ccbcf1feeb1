// What a worker reads and writes for the job it runs: the job's record and environment, claude's identity, its I/O,
// and the end. Nothing here loads the schema library: a worker's memory is kept to what waiting on claude needs.
// (The claim itself is made in queue.ts.)
import { constants, existsSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { jobPaths, rootPaths } from './layout.js';
import { readTail } from './logs.js';
import { FILE_MODE, readJson, writeRecord, writeRecordOnce } from './records.js';
import type { ExitRecord, JobRecord, ProcessRef, RunnerRecord } from './schema.js';
import { releaseSlot } from './slots.js';
import { endedWithout, NEVER_STARTED } from './status.js';

function isRunnable(value: unknown): value is JobRecord {
  const record = value as Partial<JobRecord> | null;
  return (
    typeof record?.jobId === 'string' &&
    typeof record.workFolder === 'string' &&
    typeof record.claudePath === 'string' &&
    typeof record.claude?.skipPermissions === 'boolean'
  );
}

// The server checked job.json against its schema before writing it atomically; the runner checks only the fields
// it acts on, and says what is wrong with a record it cannot run.
export async function readRunnableJob(root: string, jobId: string): Promise<JobRecord | string> {
  const json = await readJson(jobPaths(root, jobId).record);
  if (json.state === 'missing') return 'the job record is missing';
  if (json.state === 'invalid') return `the job record is unusable: ${json.reason}`;
  return isRunnable(json.value) ? json.value : 'the job record is unusable: it lacks the jobId, workFolder, claudePath or claude options';
}

// The environment the creating server recorded for claude: a job runs with it whoever runs the job.
export async function readJobEnv(root: string, jobId: string): Promise<Record<string, string> | string> {
  const json = await readJson(jobPaths(root, jobId).env);
  if (json.state === 'missing') return 'the job\'s environment record (env.json) is missing';
  if (json.state === 'invalid') return `the job's environment record is unusable: ${json.reason}`;
  const env = json.value as Record<string, unknown>;
  if (!env || typeof env !== 'object' || Object.values(env).some((v) => typeof v !== 'string')) return 'the job\'s environment record is not a map of names to strings';
  return env as Record<string, string>;
}

export async function recordClaudeStarted(root: string, jobId: string, record: RunnerRecord, claude: ProcessRef, cgroup: string | undefined): Promise<void> {
  await writeRecord(jobPaths(root, jobId).runner, { ...record, claude, ...(cgroup ? { cgroup } : {}) });
}

export interface JobIo {
  stdin: FileHandle;
  stdout: FileHandle;
  stderr: FileHandle;
  close(): Promise<void>;
}

// Appending, and never through a link planted as a log (O_NOFOLLOW: the open fails instead).
const APPEND_NO_FOLLOW = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

// Claude gets the files themselves as stdin, stdout and stderr: nothing of ours copies its output.
export async function openJobIo(root: string, jobId: string): Promise<JobIo> {
  const paths = jobPaths(root, jobId);
  const stdin = await open(paths.prompt, constants.O_RDONLY | constants.O_NOFOLLOW);
  const stdout = await open(paths.stdout, APPEND_NO_FOLLOW, FILE_MODE);
  const stderr = await open(paths.stderr, APPEND_NO_FOLLOW, FILE_MODE);
  return {
    stdin,
    stdout,
    stderr,
    close: async () => {
      await Promise.all([stdin.close(), stdout.close(), stderr.close()]);
    },
  };
}

export async function readStderrTail(root: string, jobId: string, maxBytes: number): Promise<string> {
  return (await readTail(jobPaths(root, jobId).stderr, maxBytes)).text;
}

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 5000;

// The worker knows how the job ended, so it keeps trying (a disk full for a moment, say) until the end is on disk;
// meanwhile the job reads as running, its worker alive. `onFailure` hears each failure (and may make room); the
// record then also says what delayed it. Then the slot is given back and the recorded environment removed. Returns
// false when an end was already recorded (a cancel of an unclaimed job, or a pass that found this worker dead while
// it was paused) or the job was removed meanwhile.
export async function recordExit(root: string, jobId: string, exit: ExitRecord, onFailure?: (error: NodeJS.ErrnoException, attempt: number) => Promise<void>): Promise<boolean> {
  const paths = jobPaths(root, jobId);
  let written = false;
  let record = exit;
  for (let attempt = 1, pause = RETRY_FIRST_MS; ; attempt += 1, pause = Math.min(pause * 2, RETRY_MAX_MS)) {
    try {
      written = await writeRecordOnce(paths.exit, record);
      break;
    } catch (error) {
      // A job whose directory was removed (cleaned up, deleted by hand) has nowhere to record its end.
      if (!existsSync(paths.dir)) break;
      const failure = error as NodeJS.ErrnoException;
      const delay = `recording the end failed ${attempt} time(s), last with ${failure.code ?? failure.message}`;
      record = { ...exit, reason: exit.reason ? `${exit.reason}; ${delay}` : delay };
      await onFailure?.(failure, attempt);
      await sleep(pause);
    }
  }
  releaseSlot(root, jobId);
  forgetJobEnv(root, jobId);
  return written;
}

// A job cancelled before any worker started it ends here, by whoever saw the request first: a cancel, or a worker
// that claimed the job after the request was made.
export async function endUnstartedJob(root: string, jobId: string, queueEntry: string): Promise<void> {
  await writeRecordOnce(jobPaths(root, jobId).exit, endedWithout('cancelled', NEVER_STARTED));
  forgetJobEnv(root, jobId);
  rmSync(path.join(rootPaths(root).queue, queueEntry), { force: true });
}

// A job that has ended needs its recorded environment no more, and it may hold credentials.
export function forgetJobEnv(root: string, jobId: string): void {
  rmSync(jobPaths(root, jobId).env, { force: true });
}
