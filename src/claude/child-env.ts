// The environment a job's claude runs with.
const PASSTHROUGH_PREFIX = 'CLAUDE_ASYNC_CHILD_';

// Claude Code marks its children with CLAUDECODE and CLAUDE_CODE_*; a job inheriting them would be treated as a
// nested session. Settings meant for the job on purpose arrive as CLAUDE_ASYNC_CHILD_<NAME> and are passed as <NAME>.
export function buildChildEnv(parent: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value === undefined || key === 'CLAUDECODE' || key.startsWith('CLAUDE_CODE_')) continue;
    if (key.startsWith(PASSTHROUGH_PREFIX)) continue;
    env[key] = value;
  }
  for (const [key, value] of Object.entries(parent)) {
    if (value !== undefined && key.startsWith(PASSTHROUGH_PREFIX) && key.length > PASSTHROUGH_PREFIX.length) {
      env[key.slice(PASSTHROUGH_PREFIX.length)] = value;
    }
  }
  return { ...env, ...extra };
}
