import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openServerLog } from '../../src/server/server-log.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'server-log-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[\d+\] /;

describe('openServerLog', () => {
  it('appends one stamped line per entry to a private file, creating its folder', () => {
    const file = path.join(dir, 'jobs', 'server.log');
    const log = openServerLog(file);
    log.write('start');
    log.write('an error:\n  with a stack\n  of lines');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(LINE);
    expect(lines[0]!.replace(LINE, '')).toBe('start');
    expect(lines[1]!.replace(LINE, '')).toBe('an error: with a stack of lines');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('moves a full log to .1, keeping one old file, so it never grows past its cap', () => {
    const file = path.join(dir, 'server.log');
    const log = openServerLog(file, 200);
    for (let i = 0; i < 20; i += 1) log.write(`entry ${i} ${'x'.repeat(20)}`);
    expect(statSync(file).size).toBeLessThanOrEqual(200);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(200);
    expect(readFileSync(file, 'utf8')).toContain('entry 19 ');
    expect(readFileSync(`${file}.1`, 'utf8')).not.toContain('entry 0 ');
  });

  it('never throws when the log cannot be written, and says so on stderr once', () => {
    // A file where the log's folder should be: unwritable even for root.
    writeFileSync(path.join(dir, 'blocked'), '');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = openServerLog(path.join(dir, 'blocked', 'server.log'));
    expect(() => {
      log.write('one');
      log.write('two');
    }).not.toThrow();
    const complaints = stderr.mock.calls.filter(([text]) => String(text).includes('cannot write the server log'));
    expect(complaints).toHaveLength(1);
  });
});
