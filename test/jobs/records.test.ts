import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecord, writeRecord, writeRecordOnce } from '../../src/jobs/records.js';
import { ExitRecordSchema } from '../../src/jobs/schema.js';

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
  it('lets exactly one of many concurrent writers publish', async () => {
    const file = path.join(dir, 'exit.json');
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => writeRecordOnce(file, { ...exit, exitCode: i })));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const stored = await readRecord(file, ExitRecordSchema);
    expect(stored.state === 'ok' && stored.value.exitCode).toBe(outcomes.indexOf(true));
  });
});
