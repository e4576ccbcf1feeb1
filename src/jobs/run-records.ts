// What the runner reads and writes: the claim on a job, claude's identity, its I/O, and the exit record.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { releaseSlot } from './inspect-job.js';
import { jobPaths } from './layout.js';
import { readTail } from './logs.js';
import { FILE_MODE, readRecord, writeRecord, writeRecordOnce, type ReadResult } from './records.js';
import { JobRecordSchema, type ExitRecord, type JobRecord, type ProcessRef, type RunnerRecord } from './schema.js';

export function readJobRecord(root: string, jobId: string): Promise<ReadResult<JobRecord>> {
  return readRecord(jobPaths(root, jobId).record, JobRecordSchema);
}

// Only one runner may ever run a job; a second one launched for it finds the claim taken and leaves.
export async function claimJob(root: string, jobId: string, runner: ProcessRef): Promise<RunnerRecord | undefined> {
  const record: RunnerRecord = { runner, startedAt: new Date().toISOString() };
  return (await writeRecordOnce(jobPaths(root, jobId).runner, record)) ? record : undefined;
}

export async function recordClaudeStarted(root: string, jobId: string, record: RunnerRecord, claude: ProcessRef): Promise<void> {
  await writeRecord(jobPaths(root, jobId).runner, { ...record, claude });
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
