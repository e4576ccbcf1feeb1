// Finds processes by variables in their environment. Every process a job starts inherits the job's markers, even
// ones that left claude's process group (Claude Code runs each Bash tool command in a session of its own) and
// whose parent is gone, so this finds what neither the group nor the parent chain can (not one that empties its
// environment: the job's cgroup, where there is one, catches those).
import { listPids, readEnviron } from './proc.js';

export function findProcessesByEnv(markers: Record<string, string>): number[] {
  const wanted = Object.entries(markers).map(([key, value]) => `${key}=${value}`);
  return listPids().filter((pid) => {
    if (pid === process.pid) return false;
    const environ = readEnviron(pid);
    return wanted.every((pair) => environ.includes(pair));
  });
}
