// Where a job's files are, for people who want to open them.
import { jobPaths } from './layout.js';

export function jobOutputPaths(root: string, jobId: string): { dir: string; stdout: string; stderr: string } {
  const { dir, stdout, stderr } = jobPaths(root, jobId);
  return { dir, stdout, stderr };
}
