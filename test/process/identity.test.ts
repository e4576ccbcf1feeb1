import { spawn } from 'node:child_process';
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
    // A child we never reap: sh exits at once, and nothing waits on it while we look.
    const child = spawn('sh', ['-c', 'exit 0'], { stdio: 'ignore' });
    const ref = { pid: child.pid!, startTime: null };
    child.removeAllListeners();
    await waitFor(() => !isProcessAlive(ref), 'the child to exit');
    expect(isProcessAlive(ref)).toBe(false);
  });

  it('is false for a pid that does not exist', () => {
    expect(isProcessAlive({ pid: 2 ** 22 + 17, startTime: null })).toBe(false);
  });
});
