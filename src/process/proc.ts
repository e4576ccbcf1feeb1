// Everything this project reads from Linux's /proc, in one place. Elsewhere these answer "nothing known".
import { readdirSync, readFileSync } from 'node:fs';

export const HAS_PROC = process.platform === 'linux';

export interface ProcStat {
  state: string;
  pgid: number;
  startTime: string;
}

// /proc/PID/stat: the command name may hold spaces and parentheses, so fields are counted after the last ')'.
export function readProcStat(pid: number): ProcStat | undefined {
  if (!HAS_PROC) return undefined;
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state), fields[2] field 5 (pgrp), fields[19] field 22 (starttime).
    const [state, , pgid, startTime] = [fields[0], fields[1], fields[2], fields[19]];
    return state && pgid && startTime ? { state, pgid: Number(pgid), startTime } : undefined;
  } catch {
    return undefined;
  }
}

export function listPids(): number[] {
  if (!HAS_PROC) return [];
  return readdirSync('/proc').flatMap((entry) => (/^\d+$/.test(entry) ? [Number(entry)] : []));
}

// The process's environment as NAME=value strings; empty when it is gone or not ours to read.
export function readEnviron(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

// Where cgroup v2 is mounted and this process's cgroup within it, when the system has one.
export function readOwnCgroup2(): { mount: string; path: string } | undefined {
  if (!HAS_PROC) return undefined;
  try {
    const own = readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((line) => line.startsWith('0::'));
    const mount = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((line) => line.split(' - '))
      .find(([, fs]) => fs?.startsWith('cgroup2 '))?.[0]
      ?.split(' ')[4];
    return own && mount ? { mount, path: own.slice(3) } : undefined;
  } catch {
    return undefined;
  }
}
