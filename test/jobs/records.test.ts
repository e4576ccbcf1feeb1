import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecord, writeRecord } from '../../src/jobs/records.js';
import { ExitRecordSchema } from '../../src/jobs/schema.js';
import { distPath } from '../../src/package-root.js';
import { waitFor } from '../helpers/wait-for.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'records-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const exit = { outcome: 'exited', endedAt: '2026-11-21T12:00:00.000Z', exitCode: 0, signal: null };

describe('readRecord', () => {
  it.each([
    ['an empty file', '', 'is empty'],
    ['a torn file', '{"outcome":"exi', 'is not valid JSON'],
    ['garbage', '\u0000\u0001binary', 'is not valid JSON'],
    ['the wrong shape', '{"outcome":"exploded"}', 'does not hold a valid record (outcome:'],
  ])('reads %s as invalid with the reason, never throwing', async (_, content, reason) => {
    const file = path.join(dir, 'exit.json');
    writeFileSync(file, content);
    const result = await readRecord(file, ExitRecordSchema);
    expect(result.state).toBe('invalid');
    expect(result.state === 'invalid' && result.reason).toContain(reason);
  });

  it('reads a missing file as missing and a good one as ok', async () => {
    const file = path.join(dir, 'exit.json');
    expect(await readRecord(file, ExitRecordSchema)).toEqual({ state: 'missing' });
    await writeRecord(file, exit);
    expect(await readRecord(file, ExitRecordSchema)).toEqual({ state: 'ok', value: exit });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('writeRecordOnce', () => {
  it('lets exactly one of many concurrent writer processes publish', async () => {
    const file = path.join(dir, 'exit.json');
    const go = path.join(dir, 'go');
    const records = pathToFileURL(distPath('src', 'jobs', 'records.js')).href;
    // Each writer loads the store, says so, then spins until the go file appears, so all write at the same moment.
    const script = `const { writeRecordOnce } = await import(${JSON.stringify(records)}); const { existsSync } = await import('node:fs');
      process.stdout.write('ready ');
      while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 1));
      process.stdout.write(String(await writeRecordOnce(${JSON.stringify(file)}, { ...${JSON.stringify(exit)}, exitCode: Number(process.argv[1]) })));`;
    const outputs = Array.from({ length: 8 }, () => '');
    const writers = outputs.map((_, i) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, String(i)], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (chunk: Buffer) => (outputs[i] += chunk.toString()));
      return new Promise((resolve) => child.once('exit', resolve));
    });
    await waitFor(() => outputs.every((out) => out.startsWith('ready')), 'every writer to be ready');
    writeFileSync(go, '');
    await Promise.all(writers);
    const outcomes = outputs.map((out) => out === 'ready true');
    expect(outputs.every((out) => out === 'ready true' || out === 'ready false')).toBe(true);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const stored = await readRecord(file, ExitRecordSchema);
    expect(stored.state === 'ok' && stored.value.exitCode).toBe(outcomes.indexOf(true));
  });
});
