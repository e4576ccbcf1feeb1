// The one list of host config files: what register writes and the doctor reads.
import { describe, expect, it } from 'vitest';
import { findHostConfig, listHostConfigs } from '../../src/install/host-configs.js';

const place = { platform: 'linux' as const, env: {}, home: '/home/ann', cwd: '/home/ann/project' };

describe('listHostConfigs', () => {
  it("lists Desktop's config, Claude Code's user and local scopes in one file, and the project's .mcp.json", () => {
    expect(listHostConfigs(place).map(({ kind, file, serversAt, register }) => ({ kind, file, serversAt, register }))).toEqual([
      { kind: 'desktop', file: '/home/ann/.config/Claude/claude_desktop_config.json', serversAt: ['mcpServers'], register: 'claude-async register-desktop' },
      { kind: 'code-user', file: '/home/ann/.claude.json', serversAt: ['mcpServers'], register: 'claude-async register-code --scope user' },
      { kind: 'code-local', file: '/home/ann/.claude.json', serversAt: ['projects', '/home/ann/project', 'mcpServers'], register: 'claude-async register-code --scope local' },
      { kind: 'code-project', file: '/home/ann/project/.mcp.json', serversAt: ['mcpServers'], register: 'claude-async register-code --scope project' },
    ]);
  });

  it('follows CLAUDE_CONFIG_DIR for Claude Code and the Microsoft Store build for Desktop', () => {
    expect(findHostConfig('code-user', { ...place, env: { CLAUDE_CONFIG_DIR: '/etc/claude' } }).file).toBe('/etc/claude/.claude.json');
    const store = findHostConfig('desktop', { platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, home: 'C:\\Users\\ann', cwd: 'C:\\w', exists: () => true });
    expect(store).toMatchObject({ desktopVariant: 'windows-msix', file: 'C:\\Users\\ann\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json' });
    expect(store.note).toContain('Microsoft Store');
  });
});
