// The daemonless queue: whoever is around (a tool call, a finishing runner) starts what can start, under a lock,
// so several servers sharing one job directory never run more than the cap or start a job twice.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureRoot } from './ensure-root.js';
import { queueKeyTime } from './ids.js';
import { inspectJob } from './inspect-job.js';
import { addEntry, hasQueuedJobs, listEntries, releaseSlot } from './slots.js';
import { jobPaths, parseEntryName, rootPaths } from './layout.js';
import { readJson, writeRecord } from './records.js';
import type { LaunchRecord, RunnerRecord } from './schema.js';
import { isProcessAlive } from '../process/identity.js';
import { withQueueLock } from './queue-lock.js';

export interface PromoteOptions {
  // 0 means no cap.
  maxParallel: number;
  launch: (jobId: string) => void;
}

// A queue entry whose job.json never appeared: its creator died mid-way. Creating takes milliseconds.
const ABANDONED_ENTRY_MS = 10_000;

// The common case of a slot: held by a live runner, seen from two small files with no schema and no lock.
async function heldByLiveRunner(root: string, jobId: string): Promise<boolean> {
  const paths = jobPaths(root, jobId);
  const [exit, runner] = await Promise.all([readJson(paths.exit), readJson(paths.runner)]);
  if (exit.state === 'ok') return false;
  const ref = runner.state === 'ok' ? (runner.value as Partial<RunnerRecord>).runner : undefined;
  return typeof ref?.pid === 'number' && isProcessAlive(ref);
}

// Whether a job still holds its slot; anything but a live runner goes through the full inspection, which also
// settles a job found dead and puts a launch whose runner never came back in the queue.
async function holdsSlot(root: string, jobId: string): Promise<boolean> {
  if (await heldByLiveRunner(root, jobId)) return true;
  return (await inspectJob(root, jobId)).status === 'running';
}

// Every slot held by a live runner: nothing can start, and that is known without the lock. A slot freed right
// after this look is not missed: its runner releases it first and looks at the queue after.
async function allSlotsPlainlyHeld(root: string, cap: number): Promise<boolean> {
  const active = listEntries(rootPaths(root).active);
  if (active.length < cap) return false;
  const live = await Promise.all(active.map((jobId) => heldByLiveRunner(root, jobId)));
  return live.filter(Boolean).length >= cap;
}

// Slots held by jobs that are still live; slots of ended jobs are given back on the way.
async function countBusySlots(root: string): Promise<number> {
  const active = listEntries(rootPaths(root).active);
  const holding = await Promise.all(active.map((jobId) => holdsSlot(root, jobId)));
  await Promise.all(active.filter((_, i) => !holding[i]).map((jobId) => releaseSlot(root, jobId)));
  return holding.filter(Boolean).length;
}

async function takeSlot(root: string, entry: string, jobId: string, launches: number): Promise<void> {
  const layout = rootPaths(root);
  // The queue entry goes last: a crash before it leaves the job queued, never lost.
  const launch: LaunchRecord = { launchedAt: new Date().toISOString(), ...(launches > 1 ? { launches } : {}) };
  await writeRecord(jobPaths(root, jobId).launch, launch);
  addEntry(layout.active, jobId, jobPaths(root, jobId).prompt);
  rmSync(path.join(layout.queue, entry), { force: true });
}

type EntryVerdict = { start: string; launches: number } | 'skip' | 'adopted' | 'hold';

// What to do with the queue's next entry: start it, skip (and drop) it, or hold the queue while its job is
// still being written, so no later job overtakes it. A job found running without a slot is given one (adopted).
async function judgeEntry(root: string, entry: string): Promise<EntryVerdict> {
  const parsed = parseEntryName(entry);
  const dropEntry = async (): Promise<'skip'> => {
    rmSync(path.join(rootPaths(root).queue, entry), { force: true });
    return 'skip';
  };
  if (!parsed) return dropEntry();
  const snapshot = await inspectJob(root, parsed.jobId);
  if (snapshot.status === 'queued') return { start: parsed.jobId, launches: snapshot.launch ? (snapshot.launch.launches ?? 1) + 1 : 1 };
  // Running already: a runner came after its launch was put back in the queue, or a pass died between the launch
  // record and the slot. Either way the job holds a slot from now on.
  if (snapshot.status === 'running' && addEntry(rootPaths(root).active, parsed.jobId, jobPaths(root, parsed.jobId).prompt)) {
    await dropEntry();
    return 'adopted';
  }
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
  if (options.maxParallel > 0 && (await allSlotsPlainlyHeld(root, options.maxParallel))) return [];
  return withQueueLock(root, () => startWaitingJobs(root, options));
}

// The pass itself, under the lock: free slots go to the queue's jobs in order.
async function startWaitingJobs(root: string, options: PromoteOptions): Promise<string[]> {
  const started: string[] = [];
  const cap = options.maxParallel;
  let busy = cap > 0 ? await countBusySlots(root) : 0;
  for (const entry of listEntries(rootPaths(root).queue)) {
    if (cap > 0 && busy >= cap) break;
    const verdict = await judgeEntry(root, entry);
    if (verdict === 'hold') break;
    if (verdict === 'skip') continue;
    if (verdict === 'adopted') {
      busy += 1;
      continue;
    }
    await takeSlot(root, entry, verdict.start, verdict.launches);
    options.launch(verdict.start);
    started.push(verdict.start);
    busy += 1;
  }
  return started;
}

// A runner whose job ended: `finish` records the end (which gives the slot back), and with jobs waiting it runs
// under the lock, followed by a pass, so the slot goes to the next job before any other pass can take it. The
// runner can then run that job itself. A lock that cannot be had does not keep the end from being recorded.
export async function finishAndPromote(root: string, options: PromoteOptions, finish: () => Promise<void>): Promise<string[]> {
  if (!(await hasQueuedJobs(root))) {
    await finish();
    return [];
  }
  let finished = false;
  try {
    return await withQueueLock(root, async () => {
      finished = true;
      await finish();
      return startWaitingJobs(root, options);
    });
  } catch (error) {
    if (finished) throw error;
    await finish();
    return [];
  }
}

// 1-based place in the queue, or undefined when the job is not waiting.
export async function queuePosition(root: string, jobId: string): Promise<number | undefined> {
  const entries = listEntries(rootPaths(root).queue);
  const index = entries.findIndex((entry) => parseEntryName(entry)?.jobId === jobId);
  return index >= 0 ? index + 1 : undefined;
}

// A job's place in the queue when it must wait for a slot; undefined when a free slot is there for it and the next
// pass launches it. Seen without the lock, from two readdirs: a slot of a job that ended unseen counts as taken, so
// a job may launch sooner than said, never later.
export async function placeInLine(root: string, jobId: string, maxParallel: number): Promise<number | undefined> {
  const position = await queuePosition(root, jobId);
  if (position === undefined || maxParallel === 0) return undefined;
  const free = maxParallel - listEntries(rootPaths(root).active).length;
  return position > free ? position : undefined;
}
