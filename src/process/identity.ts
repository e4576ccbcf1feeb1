// A recorded pid is only ours while its start time matches: pids are reused, and zombies still answer kill(pid, 0).
import type { ProcessRef } from '../jobs/schema.js';
import { HAS_PROC, readProcStat } from './proc.js';

export function readStartTime(pid: number): string | null {
  return readProcStat(pid)?.startTime ?? null;
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
