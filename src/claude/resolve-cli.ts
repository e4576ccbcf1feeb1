// Finds the claude CLI the way a thin-environment host (Claude Desktop) needs: explicit setting, PATH, then the
// places installers put it.
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import which from 'which';

export type CliResolution =
  | { found: true; path: string; how: 'CLAUDE_CLI_PATH' | 'PATH' | 'install location' }
  | { found: false; searched: string[]; message: string };

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
  const onPath = which.sync('claude', { nothrow: true, path: env.PATH ?? '' });
  searched.push(`PATH (${env.PATH ?? ''})`);
  if (onPath) return { found: true, path: preferNativeBinary(onPath, platform), how: 'PATH' };
  for (const candidate of listInstallLocations({ ...options, env, platform })) {
    searched.push(candidate);
    if (isExecutableFile(candidate, platform)) return { found: true, path: candidate, how: 'install location' };
  }
  return {
    found: false,
    searched,
    message: `claude CLI not found; looked in: ${searched.join('; ')}. Install Claude Code (npm i -g @anthropic-ai/claude-code) or set CLAUDE_CLI_PATH to the claude binary.`,
  };
}
