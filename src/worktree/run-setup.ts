// Runs a job's setupCommand (e.g. `npm ci`) in its worktree before claude starts, its output appended to the job's
// stderr log. Its own process group, so a stop or a time limit takes down everything it started.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const TAIL_CHARS = 2000;

export interface SetupRun {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  // Stop it after this long (the job's time limit), or when the signal fires (a cancel).
  timeoutMs?: number;
  signal?: AbortSignal;
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

export interface SetupFailure {
  reason: string;
  // It ran past the job's time limit (the job ends timed_out, not failed).
  timedOut: boolean;
}

// Returns undefined when it succeeded, otherwise why it failed, with the end of its output.
export async function runSetupCommand(run: SetupRun): Promise<SetupFailure | undefined> {
  const log = createWriteStream(run.logFile, { flags: 'a', mode: 0o600 });
  log.write(`[claude-async] setupCommand: ${run.command}\n`);
  let tail = '';
  const child = spawn(run.command, { cwd: run.cwd, env: run.env, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    });
  }
  let stopped: string | undefined;
  let timedOut = false;
  const stop = (why: string) => {
    stopped ??= why;
    killGroup(child.pid);
  };
  const timer = run.timeoutMs
    ? setTimeout(() => {
        timedOut = stopped === undefined;
        stop(`ran past the job's time limit of ${run.timeoutMs! / 1000} s`);
      }, run.timeoutMs)
    : undefined;
  const onAbort = () => stop('was stopped: the job was cancelled');
  run.signal?.addEventListener('abort', onAbort);
  if (run.signal?.aborted) onAbort();
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(timer);
  run.signal?.removeEventListener('abort', onAbort);
  const how = ended.error ? `could not be started: ${ended.error.message}` : stopped ?? (ended.signal ? `was killed by signal ${ended.signal}` : `exited with code ${ended.code}`);
  log.write(`[claude-async] setupCommand ${ended.code === 0 && !stopped ? 'succeeded' : how}\n`);
  await new Promise((resolve) => log.end(resolve));
  if (ended.code === 0 && !stopped) return undefined;
  const output = tail.trim();
  return { reason: `setupCommand \`${run.command}\` ${how}${output ? `: ${output}` : ' (it printed nothing)'}`, timedOut };
}
