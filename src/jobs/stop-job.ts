// Stops what is left of a job whose claude was started: its cgroup where it has one (every process, at once, with
// no pid in between that could have been reused), otherwise its process group, the tree under claude and every
// process carrying the job's markers.
import { removeCgroup } from '../process/cgroup.js';
import { stopProcessGroup } from '../process/stop-group.js';
import type { ProcessRef } from './schema.js';
import { jobProcessMarkers } from './process-markers.js';

export async function stopJobLeftovers(root: string, jobId: string, claude: ProcessRef | undefined, cgroup: string | undefined, graceMs = 1000): Promise<void> {
  if (cgroup) return removeCgroup(cgroup);
  if (claude) await stopProcessGroup(claude, graceMs, jobProcessMarkers(root, jobId));
}
