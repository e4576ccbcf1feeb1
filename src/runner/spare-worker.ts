// A worker started ahead of need: booted, then waiting on a socket to be told to go, so a start reaches claude
// without a Node start in between. It names no job either: told to go, it claims from the queue like any worker.
// A server keeps one; it ends with its server (end of file on the socket) or after ten idle minutes. Both sides:
//   spare -> server  "ready\n" once booted        server -> spare  "go\n", then hangs up
import { Socket } from 'node:net';
import { startWorker } from './launch.js';

const IDLE_MS = 10 * 60 * 1000;
// The socket is the spare's file descriptor 3.
const CHANNEL_FD = 3;

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

// The spare's side: true once told to go; false when its server hangs up or nothing comes in time.
export function awaitGo(): Promise<boolean> {
  return new Promise((resolve) => {
    const channel = new Socket({ fd: CHANNEL_FD, readable: true, writable: true });
    const done = (go: boolean) => {
      clearTimeout(idle);
      channel.destroy();
      resolve(go);
    };
    const idle = setTimeout(() => done(false), IDLE_MS);
    onLines(channel, (line) => done(line === 'go'));
    channel.on('close', () => done(false));
    channel.on('error', () => undefined);
    channel.write('ready\n');
  });
}

interface Spare {
  channel: Socket;
  ready: boolean;
}

// The server's side: a wake goes to the spare when one is ready, otherwise to a new worker; a new spare is made on
// a later turn of the event loop, not inside the call that used one. Windows has no launcher shell to hand a socket
// through; there every wake starts a worker.
export class SpareWorker {
  private spare: Spare | undefined;

  constructor(private readonly root: string) {}

  // Whether a wake now costs no process start.
  isReady(): boolean {
    return this.spare?.ready === true && !this.spare.channel.destroyed;
  }

  wake(): void {
    const ready = this.isReady();
    const spare = this.spare;
    this.spare = undefined;
    if (ready && spare) {
      spare.channel.on('error', () => startWorker(this.root));
      spare.channel.end('go\n');
    } else {
      spare?.channel.destroy();
      startWorker(this.root);
    }
    if (process.platform !== 'win32') setImmediate(() => this.prepare());
  }

  private prepare(): void {
    if (this.spare) return;
    const channel = startWorker(this.root, true).stdio[CHANNEL_FD] as Socket;
    // The spare never keeps this process alive.
    channel.unref();
    channel.on('error', () => undefined);
    const spare: Spare = { channel, ready: false };
    onLines(channel, (line) => {
      if (line === 'ready') spare.ready = true;
    });
    channel.on('close', () => {
      if (this.spare === spare) this.spare = undefined;
    });
    this.spare = spare;
  }
}
