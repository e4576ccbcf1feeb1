// The one reader and writer of mcpServers files: edits touch our entry only, and broken JSON is located.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyServerEntry, ConfigFileError, pickServers, readServersFile } from '../../src/install/mcp-servers-file.js';

const ENTRY = { command: '/usr/bin/node', args: ['/opt/claude-async/main.js'] };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function writeTemp(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'servers-file-'));
  dirs.push(dir);
  const file = path.join(dir, 'config.json');
  writeFileSync(file, text);
  return file;
}

describe('applyServerEntry', () => {
  it("leaves every other byte as the user wrote it, odd spacing and key order included", async () => {
    const other = '{ "command":"uvx",   "args":["weather"] ,"env":{"KEY":"v"} }';
    const text = `{\n    "zeta": [1,2,  3],\n    "mcpServers": {\n        "weather": ${other}\n    },\n    "alpha": true\n}\n`;
    const file = writeTemp(text);
    await applyServerEntry({ file, name: 'claude-async', apply: () => ENTRY, now: new Date(2026, 0, 1) });
    const written = readFileSync(file, 'utf8');
    expect(written).toContain(`"weather": ${other},`);
    expect(written.startsWith('{\n    "zeta": [1,2,  3],\n    "mcpServers": {\n')).toBe(true);
    expect(written.endsWith('    },\n    "alpha": true\n}\n')).toBe(true);
    expect(written).toContain('\n        "claude-async": {\n            "command": "/usr/bin/node",');
    await applyServerEntry({ file, name: 'claude-async', apply: 'remove', now: new Date(2026, 0, 2) });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(text));
  });

  it('keeps a missing final newline missing', async () => {
    const file = writeTemp('{"mcpServers":{}}');
    await applyServerEntry({ file, name: 'x', apply: () => ENTRY });
    expect(readFileSync(file, 'utf8').endsWith('}')).toBe(true);
  });
});

describe('readServersFile and pickServers', () => {
  it('finds a nested server list (Claude Code local scope)', async () => {
    const file = writeTemp(JSON.stringify({ projects: { '/w': { mcpServers: { a: ENTRY } } } }));
    const loaded = await readServersFile(file);
    expect(pickServers(loaded, ['projects', '/w', 'mcpServers'])).toEqual({ a: ENTRY });
    expect(pickServers(loaded, ['projects', '/elsewhere', 'mcpServers'])).toBeUndefined();
  });

  it('says a missing file exists: false', async () => {
    const loaded = await readServersFile('/nonexistent/dir/config.json');
    expect(loaded).toMatchObject({ exists: false, config: {} });
  });

  it('names the line and column where JSON breaks, in words, not the engine message', async () => {
    const file = writeTemp('{\n  "mcpServers": {\n    "a": { "command": "x" }\n    "b": {}\n  }\n}');
    const error = (await readServersFile(file).catch((caught: unknown) => caught)) as ConfigFileError;
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.reason).toBe('it is not valid JSON: comma expected at line 4 column 5');
    expect(error.message).not.toMatch(/Unexpected token|position \d+/);
  });
});
