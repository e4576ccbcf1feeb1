import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFileError, formatTimestamp } from '../../src/install/mcp-servers-file.js';
import { registerDesktop, type RegisterDesktopOptions } from '../../src/install/register-desktop.js';
import { findPackageEntry } from '../../src/install/server-entry.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOW = new Date(2026, 2, 4, 5, 6, 7);
const BACKUP_SUFFIX = '.bak-20260304-050607';
const QUIT_STEP = /Fully quit Claude Desktop \(Cmd\+Q.*tray icon.*Quit.*closing the window.*start it again/;

interface Sandbox {
  home: string;
  claude: string;
  entry: string;
  configPath: string;
  options: RegisterDesktopOptions;
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// A temp home with a stand-in claude binary and server entry, set up for one platform's config location.
function makeSandbox(platform: 'darwin' | 'linux' | 'linux-xdg' = 'linux'): Sandbox {
  const home = mkdtempSync(path.join(tmpdir(), 'register-desktop-'));
  temps.push(home);
  const claude = path.join(home, 'bin', 'claude');
  mkdirSync(path.dirname(claude));
  writeFileSync(claude, '#!/bin/sh\n', { mode: 0o755 });
  const entry = path.join(home, 'pkg', 'dist', 'src', 'cli', 'main.js');
  mkdirSync(path.dirname(entry), { recursive: true });
  writeFileSync(entry, '');
  const env: NodeJS.ProcessEnv = { CLAUDE_CLI_PATH: claude, PATH: '' };
  if (platform === 'linux-xdg') env.XDG_CONFIG_HOME = path.join(home, 'xdg');
  const configPath = {
    darwin: path.join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json'),
    linux: path.join(home, '.config', 'Claude', 'claude_desktop_config.json'),
    'linux-xdg': path.join(home, 'xdg', 'Claude', 'claude_desktop_config.json'),
  }[platform];
  const options = { platform: platform === 'darwin' ? 'darwin' : 'linux', env, home, entryPath: entry, nodePath: process.execPath, uid: 1000, now: NOW } as const;
  return { home, claude, entry, configPath, options };
}

function writeConfig(file: string, text: string, mode = 0o644): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { mode });
  chmodSync(file, mode);
}

function listDir(file: string): string[] {
  return existsSync(path.dirname(file)) ? readdirSync(path.dirname(file)).sort() : [];
}

function ourEntry(sandbox: Sandbox): object {
  return { command: process.execPath, args: [sandbox.entry], env: { CLAUDE_CLI_PATH: sandbox.claude } };
}

const OTHER_CONFIG = {
  globalShortcut: 'Ctrl+Space',
  mcpServers: {
    filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/ann'], env: { TOKEN: 's3cret' } },
    weather: { command: 'uvx', args: ['weather'], disabled: true, nested: { list: [1, 2.5, null, 'x'] } },
  },
  preferences: { theme: 'dark', experiments: ['a', 'b'] },
};

describe('registerDesktop', () => {
  it.each(['darwin', 'linux', 'linux-xdg'] as const)('%s: creates the file and its folder when neither exists', async (platform) => {
    const sandbox = makeSandbox(platform);
    const report = await registerDesktop(sandbox.options);
    expect(report).toMatchObject({ configPath: sandbox.configPath, action: 'added', dryRun: false, warnings: [] });
    expect(report.backupPath).toBeUndefined();
    expect(report.before).toBeUndefined();
    expect(report.after).toEqual(ourEntry(sandbox));
    expect(JSON.parse(readFileSync(sandbox.configPath, 'utf8'))).toEqual({ mcpServers: { 'claude-async': ourEntry(sandbox) } });
    expect(listDir(sandbox.configPath)).toEqual(['claude_desktop_config.json']);
    expect(report.nextSteps.at(-1)).toMatch(QUIT_STEP);
  });

  it.each([
    { title: 'two-space indent', text: JSON.stringify(OTHER_CONFIG, null, 2), mode: 0o644 },
    { title: 'tabs, CRLF, BOM, private mode', text: `\uFEFF${JSON.stringify(OTHER_CONFIG, null, '\t').replace(/\n/g, '\r\n')}\r\n`, mode: 0o600 },
  ])('keeps other servers and top-level keys ($title)', async ({ text, mode }) => {
    const sandbox = makeSandbox();
    writeConfig(sandbox.configPath, text, mode);
    const report = await registerDesktop(sandbox.options);
    expect(report.action).toBe('added');
    expect(report.backupPath).toBe(sandbox.configPath + BACKUP_SUFFIX);
    expect(readFileSync(sandbox.configPath + BACKUP_SUFFIX, 'utf8')).toBe(text);
    const written = readFileSync(sandbox.configPath, 'utf8');
    const after = JSON.parse(written.replace(/^\uFEFF/, '')) as typeof OTHER_CONFIG;
    expect(Object.keys(after)).toEqual(['globalShortcut', 'mcpServers', 'preferences']);
    expect(Object.keys(after.mcpServers)).toEqual(['filesystem', 'weather', 'claude-async']);
    expect(JSON.stringify(after.mcpServers.filesystem)).toBe(JSON.stringify(OTHER_CONFIG.mcpServers.filesystem));
    expect(JSON.stringify(after.mcpServers.weather)).toBe(JSON.stringify(OTHER_CONFIG.mcpServers.weather));
    expect(JSON.stringify(after.preferences)).toBe(JSON.stringify(OTHER_CONFIG.preferences));
    expect(after.globalShortcut).toBe(OTHER_CONFIG.globalShortcut);
    // Format and permissions of the original survive, for both the new file and the backup.
    expect(written.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
    expect(written.includes('\r\n')).toBe(text.includes('\r\n'));
    expect(written.split(/\r?\n/)[1]?.startsWith(text.includes('\t') ? '\t"' : '  "')).toBe(true);
    expect(statSync(sandbox.configPath).mode & 0o777).toBe(mode);
    expect(statSync(sandbox.configPath + BACKUP_SUFFIX).mode & 0o777).toBe(mode);
  });

  it('adds mcpServers at the end when the file has other keys only', async () => {
    const sandbox = makeSandbox();
    writeConfig(sandbox.configPath, '{"theme":"dark"}');
    await registerDesktop(sandbox.options);
    expect(readFileSync(sandbox.configPath, 'utf8')).toBe(
      `{\n  "theme": "dark",\n  "mcpServers": {\n    "claude-async": ${JSON.stringify(ourEntry(sandbox), null, 2).replace(/\n/g, '\n    ')}\n  }\n}`,
    );
  });

  it('treats an empty file as an empty config, still keeping a backup', async () => {
    const sandbox = makeSandbox();
    writeConfig(sandbox.configPath, '\n');
    const report = await registerDesktop(sandbox.options);
    expect(report.action).toBe('added');
    expect(report.backupPath).toBe(sandbox.configPath + BACKUP_SUFFIX);
    expect(JSON.parse(readFileSync(sandbox.configPath, 'utf8'))).toEqual({ mcpServers: { 'claude-async': ourEntry(sandbox) } });
  });

  it.each([
    { title: 'truncated JSON', text: '{\n  "mcpServers": {\n    "a": {', expected: /not valid JSON: close brace expected at line 3 column 11\./ },
    { title: 'trailing comma', text: '{\n  "mcpServers": {},\n}', expected: /not valid JSON: property name expected at line 3 column 1\./ },
    { title: 'missing comma', text: '{\n  "a": 1\n  "b": 2\n}', expected: /not valid JSON: comma expected at line 3 column 3\./ },
    { title: 'comments', text: '// servers\n{}', expected: /not valid JSON: invalid comment token at line 1 column 1\./ },
    { title: 'top-level array', text: '[]', expected: /top level is an array, but it must be a JSON object/ },
    { title: 'top-level null', text: 'null', expected: /top level is null/ },
    { title: 'mcpServers array', text: '{"mcpServers": []}', expected: /"mcpServers" is an array, but it must be an object/ },
    { title: 'mcpServers string', text: '{"mcpServers": "x"}', expected: /"mcpServers" is a string/ },
    { title: 'mcpServers null', text: '{"mcpServers": null}', expected: /"mcpServers" is null/ },
  ])('refuses $title, leaving the file alone', async ({ text, expected }) => {
    const sandbox = makeSandbox();
    writeConfig(sandbox.configPath, text);
    const error = await registerDesktop(sandbox.options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigFileError);
    const message = (error as Error).message;
    expect(message).toContain(sandbox.configPath);
    expect(message).toMatch(expected);
    expect(message).toContain('Nothing was changed');
    expect(readFileSync(sandbox.configPath, 'utf8')).toBe(text);
    expect(listDir(sandbox.configPath)).toEqual(['claude_desktop_config.json']);
  });

  it.each([
    { title: 'fresh', existing: undefined },
    { title: 'existing', existing: JSON.stringify(OTHER_CONFIG) },
  ])('dry run on a $title file writes nothing and reports the change', async ({ existing }) => {
    const sandbox = makeSandbox();
    if (existing !== undefined) writeConfig(sandbox.configPath, existing);
    const report = await registerDesktop({ ...sandbox.options, dryRun: true });
    expect(report).toMatchObject({ action: 'added', dryRun: true, after: ourEntry(sandbox) });
    expect(report.backupPath).toBeUndefined();
    expect(report.summary).toMatch(/^Would add 'claude-async' to /);
    expect(report.nextSteps[0]).toMatch(/dry run: nothing was written/);
    expect(report.nextSteps.at(-1)).toMatch(QUIT_STEP);
    if (existing === undefined) expect(existsSync(path.dirname(sandbox.configPath))).toBe(false);
    else {
      expect(readFileSync(sandbox.configPath, 'utf8')).toBe(existing);
      expect(listDir(sandbox.configPath)).toEqual(['claude_desktop_config.json']);
    }
  });

  it('reports an unchanged re-run and writes nothing the second time', async () => {
    const sandbox = makeSandbox();
    writeConfig(sandbox.configPath, JSON.stringify(OTHER_CONFIG));
    const first = await registerDesktop(sandbox.options);
    const afterFirst = readFileSync(sandbox.configPath, 'utf8');
    const second = await registerDesktop({ ...sandbox.options, now: new Date(2026, 2, 4, 5, 6, 8) });
    expect(first.action).toBe('added');
    expect(second).toMatchObject({ action: 'unchanged', before: ourEntry(sandbox), after: ourEntry(sandbox) });
    expect(second.backupPath).toBeUndefined();
    expect(readFileSync(sandbox.configPath, 'utf8')).toBe(afterFirst);
    expect(listDir(sandbox.configPath)).toEqual(['claude_desktop_config.json', `claude_desktop_config.json${BACKUP_SUFFIX}`]);
  });

  it('updates a stale entry in place, keeping env settings added by hand', async () => {
    const sandbox = makeSandbox();
    const stale = { command: 'node', args: ['/old/main.js'], env: { CLAUDE_CLI_PATH: '/old/claude', CLAUDE_ASYNC_MAX_JOBS: '3' } };
    writeConfig(sandbox.configPath, JSON.stringify({ mcpServers: { 'claude-async': stale, other: { command: 'x' } } }));
    const report = await registerDesktop(sandbox.options);
    const expected = { command: process.execPath, args: [sandbox.entry], env: { CLAUDE_ASYNC_MAX_JOBS: '3', CLAUDE_CLI_PATH: sandbox.claude } };
    expect(report).toMatchObject({ action: 'updated', before: stale, after: expected });
    const written = JSON.parse(readFileSync(sandbox.configPath, 'utf8')) as { mcpServers: Record<string, unknown> };
    expect(Object.keys(written.mcpServers)).toEqual(['claude-async', 'other']);
    expect(written.mcpServers['claude-async']).toEqual(expected);
  });

  it('as root carries IS_SANDBOX=1, which Desktop would not pass on from the shell', async () => {
    const sandbox = makeSandbox();
    const report = await registerDesktop({ ...sandbox.options, uid: 0 });
    expect(report.after?.env).toEqual({ CLAUDE_CLI_PATH: sandbox.claude, IS_SANDBOX: '1' });
  });

  it('as another user keeps an IS_SANDBOX added by hand', async () => {
    const sandbox = makeSandbox();
    const mine = { command: 'node', args: ['/old/main.js'], env: { IS_SANDBOX: '1' } };
    writeConfig(sandbox.configPath, JSON.stringify({ mcpServers: { 'claude-async': mine } }));
    const report = await registerDesktop(sandbox.options);
    expect(report.after?.env).toEqual({ IS_SANDBOX: '1', CLAUDE_CLI_PATH: sandbox.claude });
  });

  it('makes a distinct backup when one with the same timestamp exists', async () => {
    const sandbox = makeSandbox();
    writeConfig(sandbox.configPath, '{}');
    writeFileSync(sandbox.configPath + BACKUP_SUFFIX, 'older');
    const report = await registerDesktop(sandbox.options);
    expect(report.backupPath).toBe(`${sandbox.configPath}${BACKUP_SUFFIX}-2`);
    expect(readFileSync(sandbox.configPath + BACKUP_SUFFIX, 'utf8')).toBe('older');
  });

  it('uninstall removes only our entry and keeps a backup', async () => {
    const sandbox = makeSandbox();
    const withOurs = { ...OTHER_CONFIG, mcpServers: { filesystem: OTHER_CONFIG.mcpServers.filesystem, 'claude-async': ourEntry(sandbox), weather: OTHER_CONFIG.mcpServers.weather } };
    writeConfig(sandbox.configPath, JSON.stringify(withOurs, null, 2));
    const report = await registerDesktop({ ...sandbox.options, uninstall: true });
    expect(report).toMatchObject({ action: 'removed', before: ourEntry(sandbox), backupPath: sandbox.configPath + BACKUP_SUFFIX });
    expect(report.after).toBeUndefined();
    expect(readFileSync(sandbox.configPath, 'utf8')).toBe(`${JSON.stringify(OTHER_CONFIG, null, 2)}`);
    expect(readFileSync(sandbox.configPath + BACKUP_SUFFIX, 'utf8')).toBe(JSON.stringify(withOurs, null, 2));
  });

  it.each([
    { title: 'no file', existing: undefined },
    { title: 'file without our entry', existing: JSON.stringify(OTHER_CONFIG) },
    { title: 'file without mcpServers', existing: '{"theme":"dark"}' },
  ])('uninstall with $title reports absent and writes nothing', async ({ existing }) => {
    const sandbox = makeSandbox();
    if (existing !== undefined) writeConfig(sandbox.configPath, existing);
    const report = await registerDesktop({ ...sandbox.options, uninstall: true });
    expect(report.action).toBe('absent');
    expect(report.nextSteps.at(-1)).toMatch(QUIT_STEP);
    expect(listDir(sandbox.configPath)).toEqual(existing === undefined ? [] : ['claude_desktop_config.json']);
    if (existing !== undefined) expect(readFileSync(sandbox.configPath, 'utf8')).toBe(existing);
  });

  it('omits CLAUDE_CLI_PATH and warns when claude cannot be found', async () => {
    const sandbox = makeSandbox();
    const report = await registerDesktop({ ...sandbox.options, env: { CLAUDE_CLI_PATH: path.join(sandbox.home, 'missing') } });
    expect(report.after).toEqual({ command: process.execPath, args: [sandbox.entry] });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/claude CLI was not found.*no CLAUDE_CLI_PATH/);
  });

  it.each([
    { title: 'entry not built', entry: (s: Sandbox) => path.join(s.home, 'nope.js'), node: process.execPath, expected: /does not exist yet.*npm run build/ },
    { title: 'node from nvm', entry: (s: Sandbox) => s.entry, node: '/home/ann/.nvm/versions/node/v20.0.0/bin/node', expected: /version manager \(\.nvm\)/ },
  ])('warns when $title', async ({ entry, node, expected }) => {
    const sandbox = makeSandbox();
    const report = await registerDesktop({ ...sandbox.options, entryPath: entry(sandbox), nodePath: node, dryRun: true });
    expect(report.warnings.join('\n')).toMatch(expected);
  });

  it.each([
    { msix: true, variant: 'windows-msix', configPath: 'C:\\Users\\ann\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json' },
    { msix: false, variant: 'windows', configPath: 'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json' },
  ])('win32 with the Store package present=$msix targets $variant', async ({ msix, variant, configPath }) => {
    const sandbox = makeSandbox();
    const env = { ...sandbox.options.env, APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' };
    const exists = (file: string): boolean => msix && file.endsWith('Claude_pzs8sxrjxfjjc');
    // A dry run, since Windows paths cannot be written on this machine.
    const report = await registerDesktop({ ...sandbox.options, platform: 'win32', env, home: 'C:\\Users\\ann', exists, dryRun: true });
    expect(report).toMatchObject({ configPath, variant, action: 'added' });
    expect(report.nextSteps.at(-1)).toMatch(QUIT_STEP);
    const editConfigStep = report.nextSteps.find((step) => step.includes('Edit Config'));
    if (msix) {
      expect(report.note).toContain('Edit Config');
      expect(editConfigStep).toContain(configPath);
    } else {
      expect(report.note).toBeUndefined();
      expect(editConfigStep).toBeUndefined();
    }
  });

  it.each(['', 'has space', 'dots.not.allowed'])('rejects the server name %j', async (name) => {
    const sandbox = makeSandbox();
    await expect(registerDesktop({ ...sandbox.options, name })).rejects.toThrow(/Invalid server name.*letters, digits/);
    expect(listDir(sandbox.configPath)).toEqual([]);
  });

  it('uses a custom server name', async () => {
    const sandbox = makeSandbox();
    await registerDesktop({ ...sandbox.options, name: 'jobs_2' });
    expect(Object.keys(JSON.parse(readFileSync(sandbox.configPath, 'utf8')).mcpServers as object)).toEqual(['jobs_2']);
  });
});

describe('findPackageEntry', () => {
  it('finds dist/src/cli/main.js under the claude-async package root', () => {
    expect(findPackageEntry()).toBe(path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'));
  });

  it('finds the root from a file deep inside the package', () => {
    expect(findPackageEntry(path.join(REPO_ROOT, 'dist', 'src', 'install', 'register-desktop.js'))).toBe(
      path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'),
    );
  });

  it('says so when no claude-async package.json is above the start', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'no-package-'));
    temps.push(dir);
    writeFileSync(path.join(dir, 'package.json'), '{"name":"something-else"}');
    expect(() => findPackageEntry(path.join(dir, 'x.js'))).toThrow(/Could not find the claude-async package.json/);
  });
});

describe('formatTimestamp', () => {
  it('uses local time, zero-padded', () => {
    expect(formatTimestamp(new Date(2026, 0, 2, 3, 4, 5))).toBe('20260102-030405');
  });
});
