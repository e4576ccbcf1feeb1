import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeProcess, isProcessAlive } from '../../src/process/identity.js';
import { waitFor } from '../helpers/wait-for.js';

describe('isProcessAlive', () => {
  it('is true for a live process with its recorded start time', () => {
    expect(isProcessAlive(describeProcess(process.pid))).toBe(true);
  });

  it('is false when the pid now belongs to a process that started at another time (pid reuse)', () => {
    const me = describeProcess(process.pid);
    expect(isProcessAlive({ pid: process.pid, startTime: String(Number(me.startTime) - 1) })).toBe(false);
  });

  it('is false for a zombie, though kill(pid, 0) still succeeds on it', async () => {
    // sh starts a child that exits a moment later, after sh became `sleep`, which never waits for it: a zombie until sleep ends.
    const parent = spawn('sh', ['-c', '(sleep 0.2; exit 0) & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
      const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]?.[0];
      await waitFor(() => state() === 'Z', 'the child to become a zombie');
      expect(() => process.kill(zombie, 0)).not.toThrow();
      expect(isProcessAlive({ pid: zombie, startTime: null })).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('is false for a pid that does not exist', () => {
    expect(isProcessAlive({ pid: 2 ** 22 + 17, startTime: null })).toBe(false);
  });
});
