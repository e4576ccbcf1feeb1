// A runner started ahead of need: booted, then waiting on a socket for its job, so a job the queue starts reaches
// claude without a Node start in between (~50 ms here). A server keeps one once it has launched a job; it ends
// with the server (end of file on its socket) or after ten idle minutes. Both sides of the exchange are here:
//   spare -> server  "ready\n" once booted
//   server -> spare  "<jobId>\n"
//   spare -> server  "took <jobId>\n", then the spare hangs up and runs the job like any runner
import { Socket } from 'node:net';
import { JOB_ID_PATTERN } from '../jobs/job-id.js';
import { launchRunner, startRunnerProcess } from './launch.js';

export const STANDBY_ARG = '--standby';
const IDLE_MS = 10 * 60 * 1000;
// The socket is the spare's file descriptor 3.
const CHANNEL_FD = 3;

// Lines read from a socket, one at a time.
function onLines(channel: Socket, onLine: (line: string) => void): void {
  let buffer = '';
  channel.setEncoding('utf8');
  channel.on('data', (chunk: string) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
}

// The spare's side: the jobId it is given, or undefined when the server hangs up or nothing comes in time.
export function awaitJob(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const channel = new Socket({ fd: CHANNEL_FD, readable: true, writable: true });
    const done = (jobId?: string) => {
      clearTimeout(idle);
      resolve(jobId);
    };
    const idle = setTimeout(() => {
      channel.destroy();
      done();
    }, IDLE_MS);
    onLines(channel, (line) => {
      if (!JOB_ID_PATTERN.test(line)) return channel.destroy();
      channel.end(`took ${line}\n`);
      done(line);
    });
    channel.on('close', () => done());
    channel.on('error', () => undefined);
    channel.write('ready\n');
  });
}

interface Spare {
  root: string;
  channel: Socket;
  ready: boolean;
}

// The server's side: launches go to the spare when one is ready, otherwise through the launcher; a spare that dies
// holding a job it had not taken hands the job back to the launcher.
export class StandbyRunners {
  private spare: Spare | undefined;

  launch(root: string, jobId: string): void {
    const spare = this.spare;
    this.spare = undefined;
    if (spare?.ready && spare.root === root && !spare.channel.destroyed) handTo(spare, root, jobId);
    else {
      spare?.channel.destroy();
      launchRunner(root, jobId);
    }
    // Windows has no launcher shell to hand a socket through; its jobs always start a runner. The next spare is
    // forked on a later turn of the event loop, not inside the pass that launched this job.
    if (process.platform !== 'win32') setImmediate(() => this.prepare(root));
  }

  private prepare(root: string): void {
    if (this.spare) return;
    const next = startSpare(root);
    next.channel.on('close', () => {
      if (this.spare === next) this.spare = undefined;
    });
    this.spare = next;
  }
}

function handTo(spare: Spare, root: string, jobId: string): void {
  let taken = false;
  onLines(spare.channel, (line) => {
    taken ||= line === `took ${jobId}`;
  });
  spare.channel.once('close', () => {
    if (!taken) launchRunner(root, jobId);
  });
  spare.channel.write(`${jobId}\n`);
}

function startSpare(root: string): Spare {
  const channel = startRunnerProcess([root, STANDBY_ARG], true).stdio[CHANNEL_FD] as Socket;
  // The spare never keeps this process alive.
  channel.unref();
  channel.on('error', () => undefined);
  const spare: Spare = { root, channel, ready: false };
  onLines(channel, (line) => {
    if (line === 'ready') spare.ready = true;
  });
  return spare;
}
