import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatCost, formatDuration } from '../../../src/cli/format/format-units.js';

describe('formatDuration', () => {
  it.each([
    [0, '0.0s'],
    [1234, '1.2s'],
    [45_000, '45s'],
    [131_150, '2m 11s'],
    [3_780_000, '1h 03m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 4h'],
  ])('%i ms reads %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatAge', () => {
  it.each([
    [-5, '0s'],
    [12_000, '12s'],
    [180_000, '3m'],
    [7_200_000, '2h'],
    [5 * 86_400_000, '5d'],
  ])('%i ms reads %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});

describe('formatCost and formatBytes', () => {
  it.each([
    [0.0012, '$0.0012'],
    [0.4213, '$0.4213'],
    [12.5, '$12.50'],
  ])('$%d reads %s', (usd, text) => expect(formatCost(usd)).toBe(text));

  it.each([
    [512, '512 B'],
    [2048, '2.0 KiB'],
    [5 * 1024 * 1024, '5.0 MiB'],
  ])('%i bytes read %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
