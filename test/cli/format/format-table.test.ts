import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { formatTable, shorten } from '../../../src/cli/format/format-table.js';

const plain = pc.createColors(false);

describe('formatTable', () => {
  const columns = [{ header: 'ID' }, { header: 'N', align: 'right' as const }, { header: 'PATH', max: 8, keep: 'end' as const }, { header: 'TEXT' }];
  const rows = [
    [{ text: 'a' }, { text: '1' }, { text: '/very/long/path' }, { text: 'short' }],
    [{ text: 'bbb' }, { text: '22' }, { text: '/p' }, { text: 'a much longer text' }],
  ];

  it('pads columns to their widest cell, aligns right when asked, and shortens paths from the left', () => {
    expect(formatTable(columns, rows, plain)).toEqual(['ID    N  PATH      TEXT', 'a     1  …ng/path  short', 'bbb  22  /p        a much longer text']);
  });

  it('cuts the last column to the width, never the header', () => {
    const lines = formatTable(columns, rows, plain, 26);
    expect(lines.every((line) => line.length <= 26)).toBe(true);
    expect(lines[2]).toBe('bbb  22  /p        a much…');
  });

  it('paints after padding, so colour codes never shift a column', () => {
    const colored = pc.createColors(true);
    const lines = formatTable([{ header: 'S' }, { header: 'T' }], [[{ text: 'ok', paint: colored.green }, { text: 'x' }]], colored);
    expect(lines[1]!.replace(/\x1b\[\d+m/g, '')).toBe('ok  x');
  });
});

describe('shorten', () => {
  it.each([
    ['abcdef', 4, 'start', 'abc…'],
    ['abcdef', 4, 'end', '…def'],
    ['abc', 4, 'start', 'abc'],
    ['abc', 1, 'start', '…'],
  ] as const)('%s to %i from the %s', (text, max, keep, expected) => expect(shorten(text, max, keep)).toBe(expected));
});
