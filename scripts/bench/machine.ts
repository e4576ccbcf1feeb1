// The machine a bench ran on, for the table's header.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  kernel: string;
}

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
  };
}

// Where the job directory lives decides the cost of every fsync, so the table names its filesystem.
export function describeFilesystem(dir: string): string {
  const mounts = readFileSync('/proc/mounts', 'utf8').trim().split('\n').map((line) => line.split(' '));
  const best = mounts.filter(([, point]) => point && (dir === point || dir.startsWith(point.endsWith('/') ? point : `${point}/`)))
    .sort((a, b) => (b[1]?.length ?? 0) - (a[1]?.length ?? 0))[0];
  return best ? `${best[2]} (${best[1]})` : 'unknown';
}
