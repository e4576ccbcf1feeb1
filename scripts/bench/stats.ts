// Summaries of timing samples: the median and the 95th percentile, nearest-rank.
export interface Summary {
  runs: number;
  median: number;
  p95: number;
}

function percentile(sorted: number[], fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

// Wall-clock now in milliseconds with sub-millisecond precision, comparable with other processes' clocks.
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

// Runs the probes in turn, `runs` times each, so drift in the machine's speed falls on all of them alike; every
// other round goes in reverse (A B, B A, …) so going first or second favours none of them.
export async function sampleInterleaved<T>(probes: Array<() => Promise<T>>, runs: number): Promise<T[][]> {
  const samples: T[][] = probes.map(() => []);
  const order = probes.map((_, i) => i);
  for (let run = 0; run < runs; run += 1) {
    for (const i of run % 2 === 0 ? order : [...order].reverse()) samples[i]!.push(await probes[i]!());
  }
  return samples;
}
