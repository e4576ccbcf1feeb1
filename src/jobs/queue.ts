// The daemonless queue: whoever is around (a tool call, a finishing runner) starts what can start, under a lock,
// so several servers sharing one job directory never run more than the cap or start a job twice.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureRoot } from './ensure-root.js';
import { queueKeyTime } from './ids.js';
import { inspectJob } from './inspect-job.js';
import { hasQueuedJobs, listEntries, releaseSlot } from './slots.js';
import { jobPaths, parseEntryName, rootPaths } from './layout.js';
import { FILE_MODE, readJson, writeRecord } from './records.js';
import type { RunnerRecord } from './schema.js';
import { hasEnded } from './status.js';
import { isProcessAlive } from '../process/identity.js';
import { withQueueLock } from './queue-lock.js';

export interface PromoteOptions {
  // 0 means no cap.
  maxParallel: number;
  launch: (jobId: string) => void;
}

// A queue entry whose job.json never appeared: its creator died mid-way. Creating takes milliseconds.
const ABANDONED_ENTRY_MS = 10_000;

// Whether a job still holds its slot. The common case, a live runner, is read from two files on every start; any
// other case goes through the full inspection, which also settles a job found dead.
async function holdsSlot(root: string, jobId: string): Promise<boolean> {
  const paths = jobPaths(root, jobId);
  const [exit, runner] = await Promise.all([readJson(paths.exit), readJson(paths.runner)]);
  if (exit.state === 'ok') return false;
  const ref = runner.state === 'ok' ? (runner.value as Partial<RunnerRecord>).runner : undefined;
  if (typeof ref?.pid === 'number' && isProcessAlive(ref)) return true;
  const snapshot = await inspectJob(root, jobId);
  return !hasEnded(snapshot.status);
}

// Slots held by jobs that are still live; slots of ended jobs are given back on the way.
async function countBusySlots(root: string): Promise<number> {
  const active = listEntries(rootPaths(root).active);
  const holding = await Promise.all(active.map((jobId) => holdsSlot(root, jobId)));
  await Promise.all(active.filter((_, i) => !holding[i]).map((jobId) => releaseSlot(root, jobId)));
  return holding.filter(Boolean).length;
}

async function takeSlot(root: string, entry: string, jobId: string): Promise<void> {
  const layout = rootPaths(root);
  // The queue entry goes last: a crash before it leaves the job queued, never lost.
  await writeRecord(jobPaths(root, jobId).launch, { launchedAt: new Date().toISOString() });
  writeFileSync(path.join(layout.active, jobId), '', { mode: FILE_MODE });
  rmSync(path.join(layout.queue, entry), { force: true });
}

type EntryVerdict = { start: string } | 'skip' | 'hold';

// What to do with the queue's next entry: start it, skip (and drop) it, or hold the queue while its job is
// still being written, so no later job overtakes it.
async function judgeEntry(root: string, entry: string): Promise<EntryVerdict> {
  const parsed = parseEntryName(entry);
  const dropEntry = async (): Promise<'skip'> => {
    rmSync(path.join(rootPaths(root).queue, entry), { force: true });
    return 'skip';
  };
  if (!parsed) return dropEntry();
  const snapshot = await inspectJob(root, parsed.jobId);
  if (snapshot.status === 'queued') return { start: parsed.jobId };
  const written = snapshot.record !== undefined || snapshot.reason !== 'no such job';
  return written || Date.now() - queueKeyTime(parsed.queueKey) > ABANDONED_ENTRY_MS ? dropEntry() : 'hold';
}

// One pass at a time per process and job root: a caller that finds a pass under way gets the one pass that follows
// it (that pass may have listed the queue before the caller's job was in it), shared with everyone else who asks
// meanwhile. Many tool calls at once then cost two passes, not one lock fight each.
const flights = new Map<string, { current: Promise<string[]>; next?: Promise<string[]> }>();

export function promoteQueue(root: string, options: PromoteOptions): Promise<string[]> {
  const flight = flights.get(root);
  if (!flight) return startPass(root, options);
  flight.next ??= flight.current.catch(() => []).then(() => startPass(root, options));
  return flight.next;
}

function startPass(root: string, options: PromoteOptions): Promise<string[]> {
  const pass = promoteOnce(root, options);
  flights.set(root, { current: pass });
  const clear = () => {
    if (flights.get(root)?.current === pass && !flights.get(root)?.next) flights.delete(root);
  };
  pass.then(clear, clear);
  return pass;
}

async function promoteOnce(root: string, options: PromoteOptions): Promise<string[]> {
  await ensureRoot(root);
  // The common case, nothing waiting, costs one readdir and no lock.
  if (!(await hasQueuedJobs(root))) return [];
  return withQueueLock(root, async () => {
    const started: string[] = [];
    const cap = options.maxParallel;
    let busy = cap > 0 ? await countBusySlots(root) : 0;
    for (const entry of listEntries(rootPaths(root).queue)) {
      if (cap > 0 && busy >= cap) break;
      const verdict = await judgeEntry(root, entry);
      if (verdict === 'hold') break;
      if (verdict === 'skip') continue;
      await takeSlot(root, entry, verdict.start);
      options.launch(verdict.start);
      started.push(verdict.start);
      busy += 1;
    }
    return started;
  });
}

// 1-based place in the queue, or undefined when the job is not waiting.
export async function queuePosition(root: string, jobId: string): Promise<number | undefined> {
  const entries = listEntries(rootPaths(root).queue);
  const index = entries.findIndex((entry) => parseEntryName(entry)?.jobId === jobId);
  return index >= 0 ? index + 1 : undefined;
}
