// The daemonless queue: whoever is around (a tool call, a finishing runner) starts what can start, under a lock,
// so several servers sharing one job directory never run more than the cap or start a job twice.
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureRoot } from './ensure-root.js';
import { queueKeyTime } from './ids.js';
import { inspectJob, releaseSlot } from './inspect-job.js';
import { jobPaths, parseEntryName, rootPaths } from './layout.js';
import { FILE_MODE, readRecord, writeRecord } from './records.js';
import { JobRecordSchema, TERMINAL_STATUSES } from './schema.js';
import { withQueueLock } from './queue-lock.js';

export interface PromoteOptions {
  // 0 means no cap.
  maxParallel: number;
  launch: (jobId: string) => void;
}

// A queue entry whose job.json never appeared: its creator died mid-way.
const ABANDONED_ENTRY_MS = 60_000;

async function listSorted(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
}

// Slots held by jobs that are still live; slots of ended jobs are given back on the way.
async function countBusySlots(root: string): Promise<number> {
  let busy = 0;
  for (const jobId of await listSorted(rootPaths(root).active)) {
    const snapshot = await inspectJob(root, jobId);
    if (TERMINAL_STATUSES.has(snapshot.status) || snapshot.status === 'unknown') await releaseSlot(root, jobId);
    else busy += 1;
  }
  return busy;
}

async function takeSlot(root: string, entry: string, jobId: string): Promise<void> {
  const layout = rootPaths(root);
  await writeRecord(jobPaths(root, jobId).launch, { launchedAt: new Date().toISOString() });
  await writeFile(path.join(layout.active, jobId), '', { mode: FILE_MODE });
  await rm(path.join(layout.queue, entry), { force: true });
}

// Whether a queue entry should still wait; drops entries that can never start.
async function isStartable(root: string, entry: string): Promise<string | undefined> {
  const parsed = parseEntryName(entry);
  const dropEntry = () => rm(path.join(rootPaths(root).queue, entry), { force: true });
  if (!parsed) return void (await dropEntry());
  const record = await readRecord(jobPaths(root, parsed.jobId).record, JobRecordSchema);
  if (record.state === 'missing') {
    if (Date.now() - queueKeyTime(parsed.queueKey) > ABANDONED_ENTRY_MS) await dropEntry();
    return undefined;
  }
  const snapshot = await inspectJob(root, parsed.jobId);
  if (snapshot.status !== 'queued') return void (await dropEntry());
  return parsed.jobId;
}

export async function promoteQueue(root: string, options: PromoteOptions): Promise<string[]> {
  await ensureRoot(root);
  // The common case, nothing waiting, costs one readdir and no lock.
  if ((await listSorted(rootPaths(root).queue)).length === 0) return [];
  return withQueueLock(root, async () => {
    const started: string[] = [];
    const cap = options.maxParallel;
    let busy = cap > 0 ? await countBusySlots(root) : 0;
    for (const entry of await listSorted(rootPaths(root).queue)) {
      if (cap > 0 && busy >= cap) break;
      const jobId = await isStartable(root, entry);
      if (!jobId) continue;
      await takeSlot(root, entry, jobId);
      options.launch(jobId);
      started.push(jobId);
      busy += 1;
    }
    return started;
  });
}

// 1-based place in the queue, or undefined when the job is not waiting.
export async function queuePosition(root: string, jobId: string): Promise<number | undefined> {
  const entries = await listSorted(rootPaths(root).queue);
  const index = entries.findIndex((entry) => parseEntryName(entry)?.jobId === jobId);
  return index >= 0 ? index + 1 : undefined;
}
