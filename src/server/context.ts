// What tool handlers need from the outside world, injected so tests can swap any of it.
import type { CliResolution } from '../claude/resolve-cli.js';
import type { ActivityCache } from '../jobs/index.js';
import type { Settings } from '../settings.js';

export interface ServerContext {
  settings: Settings;
  resolveCli: () => CliResolution;
  // Makes sure a worker will look at the queue (see runner/worker.ts); called after a job is recorded.
  wakeWorkers: () => void;
  activity: ActivityCache;
}
