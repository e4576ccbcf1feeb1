// Stops a job's claude and everything it started: the process group first (it also holds grandchildren whose
// parent already exited), tree-kill as a sweep for descendants that moved to a group of their own, and the job's
// environment markers for those whose parent is gone too.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessRef } from '../jobs/schema.js';
import { findProcessesByEnv } from './find-by-env.js';
import { isProcessAlive, readStartTime } from './identity.js';
import { listPids, readProcStat } from './proc.js';

const POLL_MS = 50;

// Live (non-zombie) members of a process group; empty where /proc is missing.
export function listGroupMembers(pgid: number): number[] {
  return listPids().filter((pid) => {
    const stat = readProcStat(pid);
    return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X' && stat.pgid === pgid;
  });
}

// The group id is the leader's pid. While the leader lives it must be ours (same start time); once it is gone the
// kernel does not hand its pid to anyone while the group still has members, so the group is still ours.
function groupIsOurs(leader: ProcessRef): boolean {
  const current = readStartTime(leader.pid);
  return current === null || leader.startTime === null || current === leader.startTime;
}

function signalGroup(leader: ProcessRef, signal: NodeJS.Signals): void {
  if (!groupIsOurs(leader)) return;
  try {
    process.kill(process.platform === 'win32' ? leader.pid : -leader.pid, signal);
  } catch {
    // ESRCH: nobody left in the group.
  }
}

// tree-kill is loaded when a stop needs it, not by every runner that never stops anything.
async function sweepTree(leader: ProcessRef, signal: NodeJS.Signals): Promise<void> {
  if (!isProcessAlive(leader)) return;
  const { default: treeKill } = await import('tree-kill');
  await new Promise<void>((resolve) => treeKill(leader.pid, signal, () => resolve()));
}

function signalMarked(markers: Record<string, string> | undefined, signal: NodeJS.Signals): void {
  if (!markers) return;
  for (const pid of findProcessesByEnv(markers)) {
    try {
      process.kill(pid, signal);
    } catch {
      // Ended meanwhile.
    }
  }
}

function everythingIsGone(leader: ProcessRef, markers: Record<string, string> | undefined): boolean {
  return !isProcessAlive(leader) && listGroupMembers(leader.pid).length === 0 && (!markers || findProcessesByEnv(markers).length === 0);
}

// `markers`: environment variables that only this job's processes carry.
export async function stopProcessGroup(leader: ProcessRef, graceMs = 3000, markers?: Record<string, string>): Promise<void> {
  if (everythingIsGone(leader, markers)) return;
  await sweepTree(leader, 'SIGTERM');
  signalGroup(leader, 'SIGTERM');
  signalMarked(markers, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (everythingIsGone(leader, markers)) return;
    await sleep(POLL_MS);
  }
  await sweepTree(leader, 'SIGKILL');
  signalGroup(leader, 'SIGKILL');
  signalMarked(markers, 'SIGKILL');
}
