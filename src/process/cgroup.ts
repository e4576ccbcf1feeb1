// A cgroup of the job's own (Linux cgroup v2, where this user may make one): the one way to reach every process of
// a job, daemons that left its session and emptied their environment included, and to kill them all at once with
// no pid that could have been reused in between.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readOwnCgroup2 } from './proc.js';

// A new cgroup beside this process's own, or undefined where none can be made (no cgroup v2, not delegated to us).
export function makeJobCgroup(name: string): string | undefined {
  const own = readOwnCgroup2();
  if (!own) return undefined;
  const dir = path.join(own.mount, own.path, name);
  try {
    mkdirSync(dir);
    return existsSync(path.join(dir, 'cgroup.kill')) ? dir : (rmdirSync(dir), undefined);
  } catch {
    return undefined;
  }
}

// The command that starts `file args` inside the cgroup: a shell moves itself in, then becomes the program, so
// not one of its processes is ever outside. A cgroup that refuses it leaves the program running outside.
export function commandInCgroup(dir: string, file: string, args: string[]): { file: string; args: string[] } {
  return { file: '/bin/sh', args: ['-c', 'echo 0 > "$0/cgroup.procs" 2>/dev/null; exec "$@"', dir, file, ...args] };
}

function isCgroupPopulated(dir: string): boolean {
  try {
    return /^populated 1$/m.test(readFileSync(path.join(dir, 'cgroup.events'), 'utf8'));
  } catch {
    return false;
  }
}

export function killCgroup(dir: string): void {
  try {
    writeFileSync(path.join(dir, 'cgroup.kill'), '1');
  } catch {
    // Gone already.
  }
}

// Kills whatever is left in the cgroup and removes it once empty (bounded: a process stuck in the kernel may linger).
export async function removeCgroup(dir: string, waitMs = 2000): Promise<void> {
  if (!existsSync(dir)) return;
  killCgroup(dir);
  const deadline = Date.now() + waitMs;
  while (isCgroupPopulated(dir) && Date.now() < deadline) await sleep(20);
  try {
    rmdirSync(dir);
  } catch {
    // Still populated, or removed by someone else.
  }
}
