// Settings from the environment, read once per process and checked, so a typo fails loudly at start. Plain code,
// not a schema: every runner reads these, and a runner's memory is kept to what waiting on claude needs.
import { homedir } from 'node:os';
import path from 'node:path';

export interface Settings {
  jobDir: string;
  defaultCwd: string;
  // 0 means no cap.
  maxParallel: number;
  // Default time limit of a job; 0 means none.
  timeoutSeconds: number;
  // How deep jobs may nest (a job's claude using claude-async to start jobs of its own), and how deep we are.
  maxDepth: number;
  depth: number;
  // Finished jobs older than this are removed; 0 keeps them forever.
  retentionDays: number;
  // Each of a job's logs is cut to its newest half past this size; 0 means no cap.
  maxLogBytes: number;
  // How long a permission request of an askPermissions job waits for an answer before it is denied.
  permissionTimeoutSeconds: number;
}

export class SettingsError extends Error {}

export const DEFAULT_PERMISSION_TIMEOUT_SECONDS = 600;

type Env = NodeJS.ProcessEnv;

function readCount(env: Env, name: string, fallback: number, problems: string[], min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= min) return value;
  problems.push(`${name} must be a whole number >= ${min}, got '${raw}'`);
  return fallback;
}

function readAbsolutePath(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (path.isAbsolute(raw)) return path.resolve(raw);
  problems.push(`${name} must be an absolute path, got '${raw}'`);
  return fallback;
}

export function readSettings(env: Env = process.env, home = homedir()): Settings {
  const problems: string[] = [];
  const settings: Settings = {
    jobDir: readAbsolutePath(env, 'CLAUDE_ASYNC_JOB_DIR', path.join(home, '.claude-async-jobs'), problems),
    defaultCwd: readAbsolutePath(env, 'CLAUDE_ASYNC_DEFAULT_CWD', home, problems),
    maxParallel: readCount(env, 'CLAUDE_ASYNC_MAX_PARALLEL', 4, problems),
    timeoutSeconds: readCount(env, 'CLAUDE_ASYNC_TIMEOUT_SECONDS', 0, problems),
    maxDepth: readCount(env, 'CLAUDE_ASYNC_MAX_DEPTH', 2, problems),
    depth: readCount(env, 'CLAUDE_ASYNC_DEPTH', 0, problems),
    retentionDays: readCount(env, 'CLAUDE_ASYNC_RETENTION_DAYS', 14, problems),
    maxLogBytes: readCount(env, 'CLAUDE_ASYNC_MAX_LOG_MB', 100, problems) * 1024 * 1024,
    permissionTimeoutSeconds: readCount(env, 'CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS', DEFAULT_PERMISSION_TIMEOUT_SECONDS, problems, 1),
  };
  if (problems.length > 0) throw new SettingsError(problems.join('; '));
  return settings;
}
