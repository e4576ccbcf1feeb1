import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLog, splitLines } from '../../src/cli/read-log.js';
import { waitFor } from '../helpers/wait-for.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'read-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('splitLines', () => {
  it('holds a line back until its newline, and gives the unfinished one at the end', () => {
    const lines: string[] = [];
    const splitter = splitLines((line) => lines.push(line));
    for (const chunk of ['ab', 'c\nd', 'e\n', '', 'f\n\ng']) splitter.push(chunk);
    expect(lines).toEqual(['abc', 'de', 'f', '']);
    splitter.end();
    expect(lines).toEqual(['abc', 'de', 'f', '', 'g']);
  });
});

describe('readLog', () => {
  it('reads a file larger than one chunk whole, in order', async () => {
    const file = path.join(dir, 'big.log');
    const text = `${'é'.repeat(700_000)}\n${'x'.repeat(600_000)}\n`;
    writeFileSync(file, text);
    let seen = '';
    await readLog(file, (chunk) => (seen += chunk));
    expect(seen).toBe(text);
  });

  it('reads a missing file as empty', async () => {
    let seen = '';
    await readLog(path.join(dir, 'none.log'), (chunk) => (seen += chunk));
    expect(seen).toBe('');
  });

  it('follows a growing file, a character split across writes included, until the job has ended', async () => {
    const file = path.join(dir, 'grow.log');
    const euro = Buffer.from('€');
    writeFileSync(file, Buffer.concat([Buffer.from('{"a":1}\n{"b":"'), euro.subarray(0, 1)]));
    let ended = false;
    let seen = '';
    const following = readLog(file, (chunk) => (seen += chunk), { hasEnded: async () => ended, intervalMs: 10 });
    await waitFor(() => seen === '{"a":1}\n{"b":"', 'the first whole characters');
    appendFileSync(file, Buffer.concat([euro.subarray(1), Buffer.from('"}\n')]));
    await waitFor(() => seen.endsWith('€"}\n'), 'the rest of the line');
    appendFileSync(file, 'last words\n');
    ended = true;
    await following;
    expect(seen).toBe('{"a":1}\n{"b":"€"}\nlast words\n');
  });
});
