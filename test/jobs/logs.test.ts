import { appendFileSync, closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capLog, readFrom, readTail } from '../../src/jobs/logs.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readTail', () => {
  it('returns the whole of a small file', async () => {
    const file = path.join(dir, 'a.log');
    writeFileSync(file, 'hello\n');
    expect(await readTail(file, 100)).toEqual({ text: 'hello\n', startOffset: 0, nextOffset: 6, size: 6 });
  });

  it('starts on a character boundary when the cut falls inside a multi-byte character', async () => {
    const file = path.join(dir, 'u.log');
    writeFileSync(file, 'a€b🙂c'); // € is 3 bytes, 🙂 is 4
    const size = Buffer.byteLength('a€b🙂c');
    for (let n = 1; n <= size; n += 1) {
      const { text } = await readTail(file, n);
      expect(text).not.toContain('\uFFFD');
      expect('a€b🙂c'.endsWith(text)).toBe(true);
    }
  });

  it('reads the end of a 3 GiB file at the cost of a small one', async () => {
    const file = path.join(dir, 'big.log');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    appendFileSync(file, '{"type":"result"}\n');
    const slice = await readTail(file, 64);
    expect(slice.size).toBe(3 * 1024 ** 3 + 18);
    expect(slice.text.endsWith('{"type":"result"}\n')).toBe(true);
  });

  it('treats a missing file as empty', async () => {
    expect(await readTail(path.join(dir, 'none'), 10)).toEqual({ text: '', startOffset: 0, nextOffset: 0, size: 0 });
  });
});

describe('readFrom', () => {
  it('returns exactly the bytes after an offset and where to continue, never splitting a character', async () => {
    const file = path.join(dir, 'f.log');
    writeFileSync(file, 'ab€cd');
    const first = await readFrom(file, 0, 3); // 'ab' + first byte of €
    expect(first.text).toBe('ab');
    expect(first.nextOffset).toBe(2);
    const second = await readFrom(file, first.nextOffset, 100);
    expect(second.text).toBe('€cd');
    expect(second.nextOffset).toBe(Buffer.byteLength('ab€cd'));
  });
});

describe('capLog', () => {
  it('keeps the newest whole lines in place behind a marker, a chunk at a time', async () => {
    const file = path.join(dir, 'big.log');
    const lines = Array.from({ length: 40_000 }, (_, i) => `{"line":${i},"pad":"${'x'.repeat(80)}"}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const size = statSync(file).size;
    const cut = await capLog(file, 2 * 1024 * 1024);
    const text = readFileSync(file, 'utf8');
    const [marker, ...kept] = text.split('\n');
    expect(JSON.parse(marker!)).toMatchObject({ type: 'claude_async_cut', bytes: cut });
    expect(kept.at(-1)).toBe('');
    expect(kept.at(-2)).toBe(lines.at(-1));
    expect(lines.slice(-(kept.length - 1))).toEqual(kept.slice(0, -1));
    expect(statSync(file).size).toBeLessThanOrEqual(1024 * 1024 + 200);
    expect(cut + statSync(file).size - marker!.length - 1).toBe(size);
  });

  it('leaves a log under the cap alone', async () => {
    const file = path.join(dir, 'small.log');
    writeFileSync(file, 'a\n');
    expect(await capLog(file, 100)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('a\n');
  });
});
