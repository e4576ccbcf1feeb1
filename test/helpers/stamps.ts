// Reading the stand-in claude's `@stamps` file: `start|end <jobId> <ms>` lines, one pair a run of claude.
import { readFileSync } from 'node:fs';

function readStamps(file: string): Array<{ what: string; jobId: string; at: number }> {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .map(([what, jobId, at]) => ({ what: what!, jobId: jobId!, at: Number(at) }));
}

// The most jobs whose claude ran at once.
export function peakConcurrency(file: string): number {
  const events = readStamps(file)
    .map(({ what, at }) => ({ delta: what === 'start' ? 1 : -1, at }))
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let peak = 0;
  for (const event of events) peak = Math.max(peak, (running += event.delta));
  return peak;
}

// How many times each job's claude started.
export function countStarts(file: string): Map<string, number> {
  const starts = new Map<string, number>();
  for (const { what, jobId } of readStamps(file)) if (what === 'start') starts.set(jobId, (starts.get(jobId) ?? 0) + 1);
  return starts;
}
