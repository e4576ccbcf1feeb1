// A recorded pid is only ours while its start time matches: pids are reused, and zombies still answer kill(pid, 0).
import { readFileSync } from 'node:fs';
import type { ProcessRef } from '../jobs/schema.js';

interface ProcStat {
  state: string;
  startTime: string;
}

// /proc/PID/stat: the command name may hold spaces and parentheses, so fields are counted after the last ')'.
function readProcStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
    const state = fields[0];
    const startTime = fields[19];
    return state && startTime ? { state, startTime } : undefined;
  } catch {
    return undefined;
  }
}

const HAS_PROC = process.platform === 'linux';

export function readStartTime(pid: number): string | null {
  return HAS_PROC ? (readProcStat(pid)?.startTime ?? null) : null;
}

export function describeProcess(pid: number): ProcessRef {
  return { pid, startTime: readStartTime(pid) };
}

function signalZeroSucceeds(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Alive means: exists, is not a zombie (state Z or X), and started when we recorded it.
export function isProcessAlive(ref: ProcessRef): boolean {
  if (!HAS_PROC) return signalZeroSucceeds(ref.pid);
  const stat = readProcStat(ref.pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return ref.startTime === null || ref.startTime === stat.startTime;
}
