// Creates a job: its directory is the claim on the id, job.json is the commit point.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ClaudeOptions } from '../claude/options.js';
import { ensureRoot } from './ensure-root.js';
import { newJobId, newQueueKey } from './ids.js';
import { entryName, jobPaths, rootPaths } from './layout.js';
import { addEntry } from './slots.js';
import { DIR_MODE, FILE_MODE, readRecord, writeRecord } from './records.js';
import { JobRecordSchema, type JobRecord } from './schema.js';
import path from 'node:path';
import { shortenLine } from '../shorten-line.js';
import type { WorktreeSpec } from '../worktree/worktree-spec.js';

export interface NewJob {
  jobId?: string;
  prompt: string;
  workFolder: string;
  claudePath: string;
  claude: ClaudeOptions;
  timeoutSeconds?: number;
  parentJobId?: string;
  output?: { directory: string; index: number };
  // The environment claude is to run with (the creating server's, see claude/child-env.ts), and its log cap.
  env: Record<string, string>;
  maxLogBytes: number;
  worktree?: WorktreeSpec;
  permissionTimeoutSeconds?: number;
}

export type CreateOutcome =
  | { created: true; record: JobRecord }
  | { created: false; record: JobRecord; samePrompt: boolean }
  | { created: false; record?: undefined; reason: string };

const SUMMARY_CHARS = 100;

export function summarizePrompt(prompt: string): string {
  return shortenLine(prompt, SUMMARY_CHARS);
}

async function describeExisting(root: string, jobId: string, prompt: string): Promise<CreateOutcome> {
  const paths = jobPaths(root, jobId);
  const existing = await readRecord(paths.record, JobRecordSchema);
  if (existing.state !== 'ok') {
    return { created: false, reason: `jobId '${jobId}' is already taken by a job whose record is ${existing.state === 'missing' ? 'still being written' : 'unreadable'}` };
  }
  let samePrompt = false;
  try {
    samePrompt = readFileSync(paths.prompt, 'utf8') === prompt;
  } catch {
    // No prompt file: not the same job.
  }
  return { created: false, record: existing.value, samePrompt };
}

// Order matters for a crash or a pause at any step: job.json and env.json exist before any entry, so every entry
// names a whole job; the queue entry comes last and is the commit point. A job whose creator died before it was
// never answered for: it reads as unknown and is not listed (see status.ts).
export async function createJob(root: string, job: NewJob): Promise<CreateOutcome> {
  ensureRoot(root);
  const queueKey = newQueueKey();
  const jobId = job.jobId ?? newJobId(queueKey);
  const paths = jobPaths(root, jobId);
  try {
    mkdirSync(paths.dir, { mode: DIR_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return describeExisting(root, jobId, job.prompt);
    throw error;
  }
  const record: JobRecord = {
    version: 1,
    jobId,
    createdAt: new Date().toISOString(),
    queueKey,
    workFolder: job.workFolder,
    claudePath: job.claudePath,
    promptBytes: Buffer.byteLength(job.prompt),
    promptSummary: summarizePrompt(job.prompt),
    claude: job.claude,
    ...(job.timeoutSeconds ? { timeoutSeconds: job.timeoutSeconds } : {}),
    ...(job.parentJobId ? { parentJobId: job.parentJobId } : {}),
    ...(job.output ? { output: job.output } : {}),
    maxLogBytes: job.maxLogBytes,
    ...(job.worktree ? { worktree: job.worktree } : {}),
    ...(job.permissionTimeoutSeconds ? { permissionTimeoutSeconds: job.permissionTimeoutSeconds } : {}),
  };
  const entry = entryName(queueKey, jobId);
  const layout = rootPaths(root);
  try {
    writeFileSync(paths.prompt, job.prompt, { mode: FILE_MODE, flag: 'wx' });
    await writeRecord(paths.record, record);
    await writeRecord(paths.env, job.env);
    addEntry(layout.index, entry, paths.prompt);
    addEntry(layout.queue, entry, paths.prompt);
  } catch (error) {
    // Nothing half-written stays behind: a failed create (disk full, say) leaves no trace of the job.
    for (const leftover of [path.join(layout.queue, entry), path.join(layout.index, entry), paths.dir]) rmSync(leftover, { recursive: true, force: true });
    throw error;
  }
  return { created: true, record };
}
