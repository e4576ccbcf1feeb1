// Tells a worker when its job's cancel request appears: the request is a file in the job's own directory, so no
// signal meant for one job can reach another. The job's folder watch (job-events.ts) answers at once; a slow poll
// covers file systems where inotify does not.
import { existsSync } from 'node:fs';
import { onJobChange } from '../jobs/job-events.js';
import { jobPaths } from '../jobs/layout.js';

const POLL_MS = 1000;

export function watchForCancel(root: string, jobId: string, onCancel: () => void): () => void {
  const file = jobPaths(root, jobId).cancel;
  let done = false;
  const check = () => {
    if (done || !existsSync(file)) return;
    stop();
    onCancel();
  };
  const stopWatching = onJobChange(root, jobId, check);
  const poll = setInterval(check, POLL_MS);
  poll.unref();
  function stop(): void {
    done = true;
    clearInterval(poll);
    stopWatching();
  }
  check();
  return stop;
}
