// The environment a job's claude runs with: the creating server's, recorded with the job (see jobs/create-job.ts).
const PASSTHROUGH_PREFIX = 'CLAUDE_ASYNC_CHILD_';

// What a parent Claude Code session sets to mark its own children (its tools' shells and the MCP servers it runs,
// so also this server), seen by running `env` from the Bash tool of a real session. A job inheriting them would be
// taken for part of that session, or work in its project. Every other CLAUDE_CODE_* variable is the user's own
// setting (Bedrock, Vertex, retries, output limits) and reaches the job.
const SESSION_MARKERS = ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT', 'CLAUDE_CODE_EXECPATH', 'CLAUDE_PID', 'CLAUDE_EFFORT', 'AI_AGENT', 'CLAUDE_PROJECT_DIR'];
const SESSION_MARKER_PREFIXES = ['CLAUDE_CODE_SESSION_', 'CLAUDE_CODE_CHILD_', 'CLAUDE_CODE_MESSAGING_', 'CLAUDE_CODE_LAUNCHED_BY_'];

export function isSessionMarker(name: string): boolean {
  return SESSION_MARKERS.includes(name) || SESSION_MARKER_PREFIXES.some((prefix) => name.startsWith(prefix));
}

// Settings meant for the job on purpose arrive as CLAUDE_ASYNC_CHILD_<NAME> and are passed as <NAME>.
export function buildChildEnv(parent: NodeJS.ProcessEnv, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value === undefined || isSessionMarker(key) || key.startsWith(PASSTHROUGH_PREFIX)) continue;
    env[key] = value;
  }
  for (const [key, value] of Object.entries(parent)) {
    if (value !== undefined && key.startsWith(PASSTHROUGH_PREFIX) && key.length > PASSTHROUGH_PREFIX.length) {
      env[key.slice(PASSTHROUGH_PREFIX.length)] = value;
    }
  }
  return { ...env, ...extra };
}
