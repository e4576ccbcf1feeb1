// The job directory must be writable by us and private: prompts and claude's output may hold secrets.
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { serverLogPath } from '../../jobs/index.js';
import { formatBytes } from '../format/format-units.js';
import type { DoctorHost, Finding } from './finding.js';

export function checkJobDir(jobDir: string, host: DoctorHost): Finding[] {
  const stats = statOrUndefined(jobDir);
  if (!stats) return [checkFutureDir(jobDir)];
  if (!stats.isDirectory()) {
    return [{ level: 'fail', text: `job directory ${jobDir} is not a directory`, fix: `move it aside (mv ${jobDir} ${jobDir}.old) or set CLAUDE_ASYNC_JOB_DIR to another absolute path` }];
  }
  if (!isWritable(jobDir)) {
    return [{ level: 'fail', text: `job directory ${jobDir} is not writable by this user`, fix: `chown -R "$(id -u)" ${jobDir}  (or set CLAUDE_ASYNC_JOB_DIR to a folder you own)` }];
  }
  return [checkPrivacy(jobDir, stats, host), describeServerLog(jobDir)];
}

function checkFutureDir(jobDir: string): Finding {
  let parent = path.dirname(jobDir);
  while (!statOrUndefined(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
  if (isWritable(parent)) return { level: 'ok', text: `job directory ${jobDir} does not exist yet; it is created (mode 0700) with the first job` };
  return { level: 'fail', text: `job directory ${jobDir} does not exist and cannot be created: ${parent} is not writable`, fix: `mkdir -m 700 -p ${jobDir} as a user who may, or set CLAUDE_ASYNC_JOB_DIR to a folder you own` };
}

function checkPrivacy(jobDir: string, stats: Stats, host: DoctorHost): Finding {
  // Windows has no mode bits; its ACLs keep a profile's folders private already.
  if (host.platform === 'win32') return { level: 'ok', text: `job directory ${jobDir} is writable` };
  const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
  if ((stats.mode & 0o077) === 0) return { level: 'ok', text: `job directory ${jobDir} is writable and private (mode ${mode})` };
  return {
    level: 'warn',
    text: `job directory ${jobDir} can be read by other users (mode ${mode}); prompts and output may hold secrets`,
    fix: `chmod 700 ${jobDir}`,
  };
}

function describeServerLog(jobDir: string): Finding {
  const file = serverLogPath(jobDir);
  const stats = statOrUndefined(file);
  if (!stats) return { level: 'ok', text: `server log ${file}: none yet (the MCP server writes it when a host starts it)` };
  return { level: 'ok', text: `server log ${file} (${formatBytes(stats.size)}, last written ${stats.mtime.toISOString()})` };
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
