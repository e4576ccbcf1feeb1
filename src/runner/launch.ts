// Starts a worker outside the caller's process tree: a shell started in a new session puts the worker in the
// background and exits at once, so the worker is reparented to init and survives a host that kills our whole tree.
// A worker names no job: it claims what the queue allows (see jobs/queue.ts), so no launch can be lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { runnerEntryPath } from './entry-path.js';

export const SPARE_ARG = '--spare';

// `spare` hands the worker a socket as its file descriptor 3 (see spare-worker.ts), which the shell passes on.
// Nothing here may throw into a tool call: a worker that fails to start leaves the job queued for the next one.
export function startWorker(root: string, spare = false): ChildProcess {
  // No V8 heap flags: --max-old-space-size alone made every runner start ~30 ms slower, in more collections as it loads.
  const argv = [process.execPath, runnerEntryPath(), root, ...(spare ? [SPARE_ARG] : [])];
  const child =
    process.platform === 'win32'
      ? // DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP: out of the host's console and its Ctrl+C.
        spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore', windowsHide: true })
      : spawn('/bin/sh', ['-c', '"$@" </dev/null >/dev/null 2>&1 &', 'claude-async-launch', ...argv], {
          detached: true,
          stdio: spare ? ['ignore', 'ignore', 'ignore', 'pipe'] : 'ignore',
        });
  child.on('error', () => undefined);
  child.unref();
  return child;
}
