// Finds the claude CLI the way a thin-environment host (Claude Desktop) needs: explicit setting, PATH, then the
// places installers put it.
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import which from 'which';
import { findPackageRoot } from '../package-root.js';

// `skipped` says which claude on PATH was passed over: this project's own test dependency, never the user's.
export type CliResolution =
  | { found: true; path: string; how: 'CLAUDE_CLI_PATH' | 'PATH' | 'install location'; skipped?: string }
  | { found: false; searched: string[]; message: string; skipped?: string };

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

// Install places in the order the official installers use them.
export function listInstallLocations({ env = process.env, platform = process.platform, home = homedir() }: ResolveOptions = {}): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (platform === 'win32') {
    const appData = env.APPDATA ?? p.join(home, 'AppData', 'Roaming');
    return [
      p.join(home, '.local', 'bin', 'claude.exe'),
      p.join(appData, 'npm', 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe'),
      p.join(home, '.claude', 'local', 'claude.exe'),
    ];
  }
  const npmPrefix = env.npm_config_prefix ?? env.NPM_CONFIG_PREFIX;
  return [
    p.join(home, '.local', 'bin', 'claude'),
    p.join(home, '.claude', 'local', 'claude'),
    ...(npmPrefix ? [p.join(npmPrefix, 'bin', 'claude')] : []),
    p.join(home, '.npm-global', 'bin', 'claude'),
    '/opt/homebrew/bin/claude',
    '/usr/local/bin/claude',
  ];
}

export function isExecutableFile(file: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// A claude.cmd shim cannot be spawned without a shell since Node 20.12.2; the real binary sits beside it in npm's tree.
function preferNativeBinary(file: string, platform: NodeJS.Platform): string {
  if (platform !== 'win32' || !/\.(cmd|bat)$/i.test(file)) return file;
  const exe = path.win32.join(path.win32.dirname(file), 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe');
  return isExecutableFile(exe, platform) ? exe : file;
}

export function resolveClaudeCli(options: ResolveOptions = {}): CliResolution {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const explicit = env.CLAUDE_CLI_PATH?.trim();
  if (explicit) {
    if (isExecutableFile(explicit, platform)) return { found: true, path: preferNativeBinary(explicit, platform), how: 'CLAUDE_CLI_PATH' };
    return {
      found: false,
      searched: [explicit],
      message: `CLAUDE_CLI_PATH is set to '${explicit}', but that is not an executable file. Point it at the claude binary (find it with 'which claude' in a terminal) or unset it to search PATH.`,
    };
  }
  const searched: string[] = [];
  const own = findOwnDependencies();
  const onPath = which.sync('claude', { all: true, nothrow: true, path: env.PATH ?? '' }) ?? [];
  const ownOnPath = onPath.filter((file) => isInside(file, own));
  const skipped = ownOnPath.length > 0 ? { skipped: describeSkipped(ownOnPath) } : {};
  const usable = onPath.find((file) => !isInside(file, own));
  searched.push(`PATH (${env.PATH ?? ''})`);
  if (usable) return { found: true, path: preferNativeBinary(usable, platform), how: 'PATH', ...skipped };
  for (const candidate of listInstallLocations({ ...options, env, platform })) {
    searched.push(candidate);
    if (isExecutableFile(candidate, platform)) return { found: true, path: candidate, how: 'install location', ...skipped };
  }
  return {
    found: false,
    searched,
    message: `claude CLI not found; looked in: ${searched.join('; ')}. ${skipped.skipped ? `${skipped.skipped} ` : ''}Install Claude Code (npm i -g @anthropic-ai/claude-code) or set CLAUDE_CLI_PATH to the claude binary.`,
    ...skipped,
  };
}

// npx and npm scripts put this project's node_modules/.bin first on PATH; the claude there is pinned for our tests.
function findOwnDependencies(): string | undefined {
  try {
    return path.join(findPackageRoot(), 'node_modules');
  } catch {
    return undefined;
  }
}

function isInside(file: string, dir: string | undefined): boolean {
  if (dir === undefined) return false;
  const relative = path.relative(dir, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function describeSkipped(files: string[]): string {
  return `Skipped ${files.join(', ')} on PATH: that is claude-async's own test copy of claude, not yours (set CLAUDE_CLI_PATH to use it anyway).`;
}
