// The doctor reads host configs through the same reader the register commands write with: a broken file is reported
// with where it breaks, a missing one as missing, and the local scope is found inside ~/.claude.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRegistrations } from '../../../src/cli/doctor/read-registrations.js';
import { listHostConfigs } from '../../../src/install/host-configs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('readRegistrations', () => {
  it('reads every host config once, naming where broken JSON breaks', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'read-registrations-'));
    dirs.push(home);
    const cwd = path.join(home, 'project');
    const entry = { command: 'node', args: ['/x/main.js'], env: { CLAUDE_CLI_PATH: '/x/claude' } };
    writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ mcpServers: {}, projects: { [cwd]: { mcpServers: { mine: entry } } } }));
    const desktop = listHostConfigs({ platform: 'linux', env: {}, home, cwd })[0]!.file;
    mkdirSync(path.dirname(desktop), { recursive: true });
    writeFileSync(desktop, '{\n  "mcpServers": {\n    "a": {}\n    "b": {}\n  }\n}');
    const readings = await readRegistrations(listHostConfigs({ platform: 'linux', env: { HOME: home }, home, cwd }));
    expect(readings.map((reading) => [reading.source.kind, reading.state])).toEqual([
      ['desktop', 'invalid'],
      ['code-user', 'ok'],
      ['code-local', 'ok'],
      ['code-project', 'missing'],
    ]);
    expect(readings[0]).toMatchObject({ reason: 'it is not valid JSON: comma expected at line 4 column 5' });
    expect(readings[2]).toMatchObject({ servers: [{ name: 'mine', ...entry }] });
  });
});
