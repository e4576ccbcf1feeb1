// Settings from the environment, read once per process and validated, so a typo fails loudly at start.
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const Count = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number >= 0, got '${raw}'` });
        return z.NEVER;
      }
      return value;
    });

const AbsolutePath = (name: string, fallback: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      if (!path.isAbsolute(raw)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an absolute path, got '${raw}'` });
        return z.NEVER;
      }
      return path.resolve(raw);
    });

function settingsSchema(home: string) {
  return z.object({
    CLAUDE_ASYNC_JOB_DIR: AbsolutePath('CLAUDE_ASYNC_JOB_DIR', path.join(home, '.claude-async-jobs')),
    CLAUDE_ASYNC_DEFAULT_CWD: AbsolutePath('CLAUDE_ASYNC_DEFAULT_CWD', home),
    CLAUDE_ASYNC_MAX_PARALLEL: Count('CLAUDE_ASYNC_MAX_PARALLEL', 4),
    CLAUDE_ASYNC_TIMEOUT_SECONDS: Count('CLAUDE_ASYNC_TIMEOUT_SECONDS', 0),
    CLAUDE_ASYNC_MAX_DEPTH: Count('CLAUDE_ASYNC_MAX_DEPTH', 2),
    CLAUDE_ASYNC_DEPTH: Count('CLAUDE_ASYNC_DEPTH', 0),
    CLAUDE_ASYNC_RETENTION_DAYS: Count('CLAUDE_ASYNC_RETENTION_DAYS', 14),
    CLAUDE_ASYNC_MAX_LOG_MB: Count('CLAUDE_ASYNC_MAX_LOG_MB', 100),
  });
}

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
}

export class SettingsError extends Error {}

export function readSettings(env: NodeJS.ProcessEnv = process.env, home = homedir()): Settings {
  const parsed = settingsSchema(home).safeParse(env);
  if (!parsed.success) throw new SettingsError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const s = parsed.data;
  return {
    jobDir: s.CLAUDE_ASYNC_JOB_DIR,
    defaultCwd: s.CLAUDE_ASYNC_DEFAULT_CWD,
    maxParallel: s.CLAUDE_ASYNC_MAX_PARALLEL,
    timeoutSeconds: s.CLAUDE_ASYNC_TIMEOUT_SECONDS,
    maxDepth: s.CLAUDE_ASYNC_MAX_DEPTH,
    depth: s.CLAUDE_ASYNC_DEPTH,
    retentionDays: s.CLAUDE_ASYNC_RETENTION_DAYS,
    maxLogBytes: s.CLAUDE_ASYNC_MAX_LOG_MB * 1024 * 1024,
  };
}
