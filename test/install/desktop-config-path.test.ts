import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDesktopConfig, MSIX_PACKAGE_DIR } from '../../src/install/desktop-config-path.js';

const WIN_HOME = 'C:\\Users\\ann';
const never = (): boolean => false;

describe('findDesktopConfig', () => {
  const temps: string[] = [];
  const makeTemp = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'desktop-path-'));
    temps.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { platform: 'darwin', env: {}, expected: 'HOME/Library/Application Support/Claude/claude_desktop_config.json', variant: 'macos' },
    { platform: 'linux', env: {}, expected: 'HOME/.config/Claude/claude_desktop_config.json', variant: 'linux' },
    { platform: 'linux', env: { XDG_CONFIG_HOME: 'HOME/xdg' }, expected: 'HOME/xdg/Claude/claude_desktop_config.json', variant: 'linux' },
    { platform: 'linux', env: { XDG_CONFIG_HOME: 'relative/xdg' }, expected: 'HOME/.config/Claude/claude_desktop_config.json', variant: 'linux' },
    { platform: 'linux', env: { XDG_CONFIG_HOME: '  ' }, expected: 'HOME/.config/Claude/claude_desktop_config.json', variant: 'linux' },
    { platform: 'freebsd', env: {}, expected: 'HOME/.config/Claude/claude_desktop_config.json', variant: 'linux' },
  ] as const)('$platform with $env uses $expected', ({ platform, env, expected, variant }) => {
    const home = makeTemp();
    const withHome = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.replace('HOME', home)]));
    const found = findDesktopConfig({ platform, env: withHome, home });
    expect(found).toEqual({ path: expected.replace('HOME', home), variant });
  });

  it.each([
    {
      title: 'APPDATA set',
      env: { APPDATA: 'D:\\Roaming', LOCALAPPDATA: 'D:\\Local' },
      expected: 'D:\\Roaming\\Claude\\claude_desktop_config.json',
    },
    { title: 'APPDATA missing', env: {}, expected: `${WIN_HOME}\\AppData\\Roaming\\Claude\\claude_desktop_config.json` },
    { title: 'APPDATA blank', env: { APPDATA: ' ' }, expected: `${WIN_HOME}\\AppData\\Roaming\\Claude\\claude_desktop_config.json` },
    { title: 'lower-case variable name', env: { appdata: 'E:\\R' }, expected: 'E:\\R\\Claude\\claude_desktop_config.json' },
  ])('win32 standard install, $title', ({ env, expected }) => {
    expect(findDesktopConfig({ platform: 'win32', env, home: WIN_HOME, exists: never })).toEqual({ path: expected, variant: 'windows' });
  });

  it.each([
    {
      title: 'LOCALAPPDATA set',
      env: { APPDATA: 'D:\\Roaming', LOCALAPPDATA: 'D:\\Local' },
      packageDir: `D:\\Local\\Packages\\${MSIX_PACKAGE_DIR}`,
      standard: 'D:\\Roaming\\Claude\\claude_desktop_config.json',
    },
    {
      title: 'LOCALAPPDATA missing',
      env: {},
      packageDir: `${WIN_HOME}\\AppData\\Local\\Packages\\${MSIX_PACKAGE_DIR}`,
      standard: `${WIN_HOME}\\AppData\\Roaming\\Claude\\claude_desktop_config.json`,
    },
  ])('win32 Microsoft Store install, $title', ({ env, packageDir, standard }) => {
    const asked: string[] = [];
    const found = findDesktopConfig({ platform: 'win32', env, home: WIN_HOME, exists: (file) => (asked.push(file), file === packageDir) });
    expect(asked).toEqual([packageDir]);
    expect(found.variant).toBe('windows-msix');
    expect(found.path).toBe(`${packageDir}\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`);
    expect(found.note).toContain('Microsoft Store');
    expect(found.note).toContain('Edit Config');
    expect(found.note).toContain(standard);
    expect(found.note).toContain(found.path);
  });
});
