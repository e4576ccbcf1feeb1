// Our server's entry in a host's config: the one place that says what command starts claude-async and which env
// settings a registration (and the bundle's manifest) gives it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../package-root.js';
import { describeError, isJsonObject } from './mcp-servers-file.js';

export const DEFAULT_SERVER_NAME = 'claude-async';
export const ENTRY_FROM_PACKAGE_ROOT = ['dist', 'src', 'cli', 'main.js'] as const;
// The same rule `claude mcp add` enforces, so a name accepted here works in both hosts.
const SERVER_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export interface ServerEntry {
  type?: 'stdio';
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export interface BuildServerEntryOptions {
  command: string;
  entryPath: string;
  // The settings we set; CLAUDE_CLI_PATH is dropped from an existing entry when absent here.
  env: Record<string, string>;
  existing?: unknown;
  withType?: boolean;
}

export interface PlanServerEnvOptions {
  claudePath?: string | undefined;
  // The user the host will run the server as; root needs IS_SANDBOX=1 for claude to accept skipPermissions jobs.
  uid: number | undefined;
}

// What a registration on this machine sets: the claude it found, and IS_SANDBOX=1 as root, since hosts (Desktop
// most of all) do not pass on the shell's environment.
export function planServerEnv({ claudePath, uid }: PlanServerEnvOptions): Record<string, string> {
  return { ...(claudePath ? { CLAUDE_CLI_PATH: claudePath } : {}), ...(uid === 0 ? { IS_SANDBOX: '1' } : {}) };
}

// Hand-added env settings on our existing entry survive a re-run.
export function buildServerEntry({ command, entryPath, env, existing, withType = false }: BuildServerEntryOptions): ServerEntry {
  const merged: Record<string, string> = { ...readStringEnv(existing) };
  delete merged.CLAUDE_CLI_PATH;
  Object.assign(merged, env);
  return {
    ...(withType ? { type: 'stdio' as const } : {}),
    command,
    args: [entryPath],
    ...(Object.keys(merged).length > 0 ? { env: merged } : {}),
  };
}

function readStringEnv(existing: unknown): Record<string, string> {
  if (!isJsonObject(existing) || !isJsonObject(existing.env)) return {};
  return Object.fromEntries(Object.entries(existing.env).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

export function checkServerName(name: string): string {
  if (SERVER_NAME_PATTERN.test(name)) return name;
  throw new Error(`Invalid server name '${name}': use only letters, digits, '-' and '_' (for example 'claude-async').`);
}

// The package root is found from the module's own location, so this is right both from src (tests) and from dist.
export function findPackageEntry(from?: string): string {
  const start = from === undefined ? undefined : path.dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  try {
    return path.join(start === undefined ? findPackageRoot() : findPackageRoot(start), ...ENTRY_FROM_PACKAGE_ROOT);
  } catch (error) {
    throw new Error(`Could not find the claude-async package.json above ${start ?? 'this module'} (${describeError(error)}); pass the server entry path explicitly.`);
  }
}
