// Tells waiters when a job's records change: one inotify watch per job directory for the whole process, shared by
// every wait on that job, so a wait costs nothing while nothing happens. Claude's own log writes are not records
// and wake nobody.
import { watch, type FSWatcher } from 'node:fs';
import { jobPaths } from './layout.js';

const RECORD_FILES = new Set(['runner.json', 'exit.json', 'cancel.json']);

interface Watch {
  watcher: FSWatcher | undefined;
  listeners: Set<() => void>;
}

const watches = new Map<string, Watch>();

function openWatch(dir: string, listeners: Set<() => void>): FSWatcher | undefined {
  try {
    const watcher = watch(dir, { persistent: false }, (_event, file) => {
      if (file === null || RECORD_FILES.has(String(file))) for (const listener of [...listeners]) listener();
    });
    // A directory removed under the watch: the waiters' own deadline and slow look go on without it.
    watcher.on('error', () => undefined);
    return watcher;
  } catch {
    return undefined;
  }
}

// Calls `onChange` when one of the job's records is written; returns the way to stop listening.
export function onJobChange(root: string, jobId: string, onChange: () => void): () => void {
  const dir = jobPaths(root, jobId).dir;
  let entry = watches.get(dir);
  if (!entry) {
    const listeners = new Set<() => void>();
    entry = { watcher: openWatch(dir, listeners), listeners };
    watches.set(dir, entry);
  }
  entry.listeners.add(onChange);
  const current = entry;
  return () => {
    current.listeners.delete(onChange);
    if (current.listeners.size === 0 && watches.get(dir) === current) {
      current.watcher?.close();
      watches.delete(dir);
    }
  };
}
