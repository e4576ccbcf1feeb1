// Where Claude Desktop reads its MCP server list on each platform; pure over the injected platform, env and home.
import { existsSync } from 'node:fs';
import path from 'node:path';

export type DesktopVariant = 'macos' | 'windows' | 'windows-msix' | 'linux';

export interface DesktopConfigLocation {
  path: string;
  variant: DesktopVariant;
  note?: string;
}

export interface FindDesktopConfigOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  exists?: (file: string) => boolean;
}

export const CONFIG_FILE_NAME = 'claude_desktop_config.json';
// The Microsoft Store (MSIX) package family of Claude Desktop; its files live in a virtualized copy of AppData.
export const MSIX_PACKAGE_DIR = 'Claude_pzs8sxrjxfjjc';

export function findDesktopConfig({ platform, env, home, exists = existsSync }: FindDesktopConfigOptions): DesktopConfigLocation {
  if (platform === 'darwin') {
    return { path: path.posix.join(home, 'Library', 'Application Support', 'Claude', CONFIG_FILE_NAME), variant: 'macos' };
  }
  if (platform === 'win32') return findWindowsConfig(env, home, exists);
  return { path: path.posix.join(readXdgConfigHome(env, home), 'Claude', CONFIG_FILE_NAME), variant: 'linux' };
}

function findWindowsConfig(env: NodeJS.ProcessEnv, home: string, exists: (file: string) => boolean): DesktopConfigLocation {
  const win = path.win32;
  const appData = readWindowsEnv(env, 'APPDATA') ?? win.join(home, 'AppData', 'Roaming');
  const localAppData = readWindowsEnv(env, 'LOCALAPPDATA') ?? win.join(home, 'AppData', 'Local');
  const standard = win.join(appData, 'Claude', CONFIG_FILE_NAME);
  const packageDir = win.join(localAppData, 'Packages', MSIX_PACKAGE_DIR);
  if (!exists(packageDir)) return { path: standard, variant: 'windows' };
  const msixConfig = win.join(packageDir, 'LocalCache', 'Roaming', 'Claude', CONFIG_FILE_NAME);
  return {
    path: msixConfig,
    variant: 'windows-msix',
    note:
      `Claude Desktop is installed from the Microsoft Store (found ${packageDir}), so it reads its config from the ` +
      `package's private copy of AppData: ${msixConfig}. The app's Settings > Developer > Edit Config button opens ` +
      `${standard} instead, which this install ignores.`,
  };
}

// Windows environment names are case-insensitive, but an injected plain object is not.
function readWindowsEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name);
  const value = key === undefined ? undefined : env[key]?.trim();
  return value ? value : undefined;
}

// The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
function readXdgConfigHome(env: NodeJS.ProcessEnv, home: string): string {
  const value = env.XDG_CONFIG_HOME?.trim();
  return value && path.posix.isAbsolute(value) ? value : path.posix.join(home, '.config');
}
