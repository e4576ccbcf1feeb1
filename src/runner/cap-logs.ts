// Keeps a job's logs under the size cap while claude writes them: past the cap a log is cut to its newest half,
// behind a line that says how much was cut. claude appends (O_APPEND), so its next write lands after the kept tail.
import { capLog } from '../jobs/logs.js';
import { jobOutputPaths } from '../jobs/output-paths.js';

export async function capLogs(root: string, jobId: string, maxBytes: number): Promise<void> {
  const { stdout, stderr } = jobOutputPaths(root, jobId);
  for (const file of [stdout, stderr]) await capLog(file, maxBytes);
}
