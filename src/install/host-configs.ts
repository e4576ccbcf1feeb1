// Every host config file that can hold our server, in one list: registration writes to one of them, the doctor
// reads them all.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findDesktopConfig, type DesktopVariant } from './desktop-config-path.js';

export type HostConfigKind = 'desktop' | 'code-user' | 'code-local' | 'code-project';

export interface HostConfig {
  kind: HostConfigKind;
  host: string;
  file: string;
  // Where the server list sits inside the file.
  serversAt: readonly string[];
  // The command that (re)writes our entry here.
  register: string;
  desktopVariant?: DesktopVariant;
  note?: string;
}

export interface HostPlace {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  cwd: string;
  exists?: (file: string) => boolean;
}

export function listHostConfigs(place: HostPlace): HostConfig[] {
  const desktop = findDesktopConfig({ platform: place.platform, env: place.env, home: place.home, exists: place.exists ?? existsSync });
  const codeConfig = findClaudeUserConfig(place.env, place.home);
  return [
    {
      kind: 'desktop',
      host: 'Claude Desktop',
      file: desktop.path,
      serversAt: ['mcpServers'],
      register: 'claude-async register-desktop',
      desktopVariant: desktop.variant,
      ...(desktop.note ? { note: desktop.note } : {}),
    },
    { kind: 'code-user', host: 'Claude Code, user scope', file: codeConfig, serversAt: ['mcpServers'], register: 'claude-async register-code --scope user' },
    {
      kind: 'code-local',
      host: `Claude Code, local scope for ${place.cwd}`,
      file: codeConfig,
      serversAt: ['projects', place.cwd, 'mcpServers'],
      register: 'claude-async register-code --scope local',
    },
    {
      kind: 'code-project',
      host: 'Claude Code, project scope',
      file: path.join(place.cwd, '.mcp.json'),
      serversAt: ['mcpServers'],
      register: 'claude-async register-code --scope project',
    },
  ];
}

export function findHostConfig(kind: HostConfigKind, place: HostPlace): HostConfig {
  return listHostConfigs(place).find((config) => config.kind === kind)!;
}

// Claude Code keeps user and local servers in one file: CLAUDE_CONFIG_DIR/.claude.json, else ~/.claude.json.
export function findClaudeUserConfig(env: NodeJS.ProcessEnv, home: string): string {
  const configDir = env.CLAUDE_CONFIG_DIR?.trim();
  if (configDir) return path.join(configDir, '.claude.json');
  return path.join(env.HOME?.trim() || env.USERPROFILE?.trim() || home, '.claude.json');
}
