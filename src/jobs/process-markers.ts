// The environment variables that mark every process of a job, from claude down to the last tool shell.
export function jobProcessMarkers(root: string, jobId: string): Record<string, string> {
  return { CLAUDE_ASYNC_JOB_DIR: root, CLAUDE_ASYNC_JOB_ID: jobId };
}
