// What the runner reads and writes: the claim on a job, claude's identity, its I/O, and the exit record. Nothing
// here loads the schema library: a runner's memory is kept to what waiting on claude needs.
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { jobPaths } from './layout.js';
import { readTail } from './logs.js';
import { FILE_MODE, readJson, writeRecord, writeRecordOnce } from './records.js';
import type { ExitRecord, JobRecord, ProcessRef, RunnerRecord } from './schema.js';
import { releaseSlot } from './slots.js';

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

// Only one runner may ever run a job; a second one launched for it finds the claim taken and leaves.
export async function claimJob(root: string, jobId: string, runner: ProcessRef): Promise<RunnerRecord | undefined> {
  const record: RunnerRecord = { runner, startedAt: new Date().toISOString() };
  return (await writeRecordOnce(jobPaths(root, jobId).runner, record)) ? record : undefined;
}

export async function recordClaudeStarted(root: string, jobId: string, record: RunnerRecord, claude: ProcessRef): Promise<void> {
  await writeRecord(jobPaths(root, jobId).runner, { ...record, claude });
}

// Synchronous: the runner's SIGTERM handler asks too, and it cannot wait.
export function isCancelRequested(root: string, jobId: string): boolean {
  return existsSync(jobPaths(root, jobId).cancel);
}

export interface JobIo {
  stdin: FileHandle;
  stdout: FileHandle;
  stderr: FileHandle;
  close(): Promise<void>;
}

// Claude gets the files themselves as stdin, stdout and stderr: nothing of ours copies its output.
export async function openJobIo(root: string, jobId: string): Promise<JobIo> {
  const paths = jobPaths(root, jobId);
  const stdin = await open(paths.prompt, 'r');
  const stdout = await open(paths.stdout, 'a', FILE_MODE);
  const stderr = await open(paths.stderr, 'a', FILE_MODE);
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

// Returns false when an exit was already recorded (the job was settled by someone else first).
export async function recordExit(root: string, jobId: string, exit: ExitRecord): Promise<boolean> {
  const written = await writeRecordOnce(jobPaths(root, jobId).exit, exit);
  await releaseSlot(root, jobId);
  return written;
}
