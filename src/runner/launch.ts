// Starts a job's runner outside the caller's process tree: a shell started in a new session puts the runner in the
// background and exits at once, so the runner is reparented to init and survives a host that kills our whole tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { runnerEntryPath } from './entry-path.js';

// `runnerArgs` follow the runner's entry; `withChannel` hands the runner a socket as its file descriptor 3 (the spare
// runner's, see standby.ts), which the shell passes on. A launch that fails shows up as a job whose runner never
// started; nothing here may throw into a tool call.
export function startRunnerProcess(runnerArgs: string[], withChannel = false): ChildProcess {
  // No V8 heap flags: --max-old-space-size alone made every runner start ~30 ms slower, in more collections as it loads.
  const argv = [process.execPath, runnerEntryPath(), ...runnerArgs];
  const child =
    process.platform === 'win32'
      ? // DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP: out of the host's console and its Ctrl+C.
        spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore', windowsHide: true })
      : spawn('/bin/sh', ['-c', '"$@" </dev/null >/dev/null 2>&1 &', 'claude-async-launch', ...argv], {
          detached: true,
          stdio: withChannel ? ['ignore', 'ignore', 'ignore', 'pipe'] : 'ignore',
        });
  child.on('error', () => undefined);
  child.unref();
  return child;
}

export function launchRunner(root: string, jobId: string): void {
  startRunnerProcess([root, jobId]);
}
