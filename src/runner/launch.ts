// Starts a job's runner outside the caller's process tree: a shell started in a new session puts the runner in the
// background and exits at once, so the runner is reparented to init and survives a host that kills our whole tree.
import { spawn } from 'node:child_process';
import { runnerEntryPath } from './entry-path.js';

export function launchRunner(root: string, jobId: string): void {
  // No V8 heap flags: --max-old-space-size alone made every runner start ~30 ms slower, in more collections as it loads.
  const argv = [process.execPath, runnerEntryPath(), root, jobId];
  const child =
    process.platform === 'win32'
      ? // DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP: out of the host's console and its Ctrl+C.
        spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore', windowsHide: true })
      : spawn('/bin/sh', ['-c', '"$@" </dev/null >/dev/null 2>&1 &', 'claude-async-launch', ...argv], {
          detached: true,
          stdio: 'ignore',
        });
  // A launch that fails shows up as a job whose runner never started; nothing here may throw into a tool call.
  child.on('error', () => undefined);
  child.unref();
}
