// Tells a worker when its job's cancel request appears: the request is a file in the job's own directory, so no
// signal meant for one job can reach another. inotify (fs.watch) answers at once; a slow poll covers file systems
// where it does not.
import { existsSync, watch, type FSWatcher } from 'node:fs';

const POLL_MS = 1000;

export function watchForCancel(dir: string, file: string, onCancel: () => void): () => void {
  let done = false;
  const check = () => {
    if (done || !existsSync(file)) return;
    stop();
    onCancel();
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, () => check());
    watcher.on('error', () => undefined);
  } catch {
    // No watcher here: the poll alone.
  }
  const poll = setInterval(check, POLL_MS);
  poll.unref();
  function stop(): void {
    done = true;
    clearInterval(poll);
    watcher?.close();
  }
  check();
  return stop;
}
