// What tool handlers need from the outside world, injected so tests can swap any of it.
import type { CliResolution } from '../claude/resolve-cli.js';
import { promoteQueue } from '../jobs/index.js';
import type { Settings } from '../settings.js';

export interface ServerContext {
  settings: Settings;
  resolveCli: () => CliResolution;
  launch: (root: string, jobId: string) => void;
}

// Every tool call starts whatever the queue can start, so a queue left behind by a crash drains at the next call.
export function promote(context: ServerContext): Promise<string[]> {
  const root = context.settings.jobDir;
  return promoteQueue(root, { maxParallel: context.settings.maxParallel, launch: (jobId) => context.launch(root, jobId) });
}
