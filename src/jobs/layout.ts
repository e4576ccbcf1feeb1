// The on-disk layout of the job directory. Only src/jobs imports this module.
//
//   <root>/jobs/<jobId>/   job.json prompt.txt env.json runner.json cancel.json exit.json stdout.log stderr.log
//   <root>/queue/<queueKey>.<jobId>   jobs waiting for a worker to claim them
//   <root>/index/<queueKey>.<jobId>   one entry per job, names sort by creation time
//   <root>/active/<jobId>             claimed jobs holding one of the cap's slots
//   <root>/queue.lock                 proper-lockfile's lock over queue/ and active/, taken by workers only
//   <root>/queue.lock.owner           the token of the pass that took the lock last (see queue-lock.ts)
// (queue, index and slot entries are hard links to the job's prompt.txt: only their names count)
import path from 'node:path';

export interface JobPaths {
  dir: string;
  record: string;
  prompt: string;
  env: string;
  runner: string;
  cancel: string;
  exit: string;
  stdout: string;
  stderr: string;
}

export interface RootPaths {
  root: string;
  jobs: string;
  index: string;
  queue: string;
  active: string;
  lock: string;
  lockOwner: string;
}

export function rootPaths(root: string): RootPaths {
  return {
    root,
    jobs: path.join(root, 'jobs'),
    index: path.join(root, 'index'),
    queue: path.join(root, 'queue'),
    active: path.join(root, 'active'),
    lock: path.join(root, 'queue.lock'),
    lockOwner: path.join(root, 'queue.lock.owner'),
  };
}

// jobId is validated against JOB_ID_PATTERN before it gets here, so it can never name a path outside jobs/.
export function jobPaths(root: string, jobId: string): JobPaths {
  const dir = path.join(root, 'jobs', jobId);
  return {
    dir,
    record: path.join(dir, 'job.json'),
    prompt: path.join(dir, 'prompt.txt'),
    env: path.join(dir, 'env.json'),
    runner: path.join(dir, 'runner.json'),
    cancel: path.join(dir, 'cancel.json'),
    exit: path.join(dir, 'exit.json'),
    stdout: path.join(dir, 'stdout.log'),
    stderr: path.join(dir, 'stderr.log'),
  };
}

export function entryName(queueKey: string, jobId: string): string {
  return `${queueKey}.${jobId}`;
}

// Queue keys never contain '.', so the first '.' separates key from jobId.
export function parseEntryName(name: string): { queueKey: string; jobId: string } | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  return { queueKey: name.slice(0, dot), jobId: name.slice(dot + 1) };
}
