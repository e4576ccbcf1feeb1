// Finds processes by variables in their environment. Every process a job starts inherits the job's markers, even
// ones that left claude's process group (Claude Code runs each Bash tool command in a session of its own) and
// whose parent is gone, so this finds what neither the group nor the parent chain can.
import { readdirSync, readFileSync } from 'node:fs';

export function findProcessesByEnv(markers: Record<string, string>): number[] {
  if (process.platform !== 'linux') return [];
  const wanted = Object.entries(markers).map(([key, value]) => `${key}=${value}`);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (wanted.every((pair) => environ.includes(pair))) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}
