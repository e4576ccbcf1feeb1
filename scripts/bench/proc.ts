// What /proc says about one process: its proportional memory and the CPU time it has used.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function readProcFile(pid: number, name: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

// Proportional set size: private pages plus a fair share of the pages shared with other processes.
export function readPssKiB(pid: number): number | undefined {
  const match = /^Pss:\s+(\d+) kB/m.exec(readProcFile(pid, 'smaps_rollup') ?? '');
  return match ? Number(match[1]) : undefined;
}

// CPU time used so far, in milliseconds. schedstat counts nanoseconds; stat's utime+stime count 10 ms ticks.
export function readCpuMs(pid: number): number | undefined {
  const text = readProcFile(pid, 'schedstat');
  return text ? Number(text.split(' ')[0]) / 1e6 : undefined;
}

// Waits until a process has used under 1 ms of CPU in each of three 100 ms windows: background work it started
// (a retention sweep, say) must not land inside a measurement.
export async function waitForQuiet(pid: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietWindows = 0;
  let last = readCpuMs(pid);
  while (quietWindows < 3) {
    if (Date.now() > deadline) throw new Error(`process ${pid} stayed busy for ${timeoutMs} ms`);
    await sleep(100);
    const now = readCpuMs(pid);
    if (now === undefined || last === undefined) return;
    quietWindows = now - last < 1 ? quietWindows + 1 : 0;
    last = now;
  }
}
