// What tool handlers need from the outside world, injected so tests can swap any of it.
import type { CliResolution } from '../claude/resolve-cli.js';
import { ActivityCache, promoteQueue, removeJobs } from '../jobs/index.js';
import type { Settings } from '../settings.js';

export interface ServerContext {
  settings: Settings;
  resolveCli: () => CliResolution;
  launch: (root: string, jobId: string) => void;
  activity: ActivityCache;
  // When finished jobs past their retention were last removed (ms since the epoch).
  lastPruneAt: number;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

// Retention is applied lazily, at most once an hour, by whichever tool call comes along.
async function pruneExpired(context: ServerContext): Promise<void> {
  const { retentionDays, jobDir } = context.settings;
  if (retentionDays === 0 || Date.now() - context.lastPruneAt < PRUNE_EVERY_MS) return;
  context.lastPruneAt = Date.now();
  await removeJobs(jobDir, { endedBeforeMs: Date.now() - retentionDays * DAY_MS });
}

// Every tool call starts whatever the queue can start, so a queue left behind by a crash drains at the next call.
// A pass that fails (the lock held too long by others) leaves jobs queued for the next pass; the call goes on.
export async function promote(context: ServerContext): Promise<string[]> {
  const root = context.settings.jobDir;
  // In the background: a first sweep over thousands of jobs must not slow the call that triggered it.
  void pruneExpired(context).catch(() => undefined);
  return promoteQueue(root, { maxParallel: context.settings.maxParallel, launch: (jobId) => context.launch(root, jobId) }).catch(() => []);
}
