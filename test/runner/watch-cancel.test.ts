// A worker hears of its job's cancel request through the job's own folder: at once when the request appears, at
// once when it was there before the watch began, and never after the watch was stopped.
import { mkdirSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobPaths } from '../../src/jobs/layout.js';
import { watchForCancel } from '../../src/runner/watch-cancel.js';
import { waitFor } from '../helpers/wait-for.js';

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'watch-cancel-'));
  dir = jobPaths(root, 'job-1').dir;
  mkdirSync(dir, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('watchForCancel', () => {
  it('calls back once when the request is written, within a moment', async () => {
    const heard: number[] = [];
    const stop = watchForCancel(root, 'job-1', () => heard.push(Date.now()));
    const written = Date.now();
    writeFileSync(path.join(dir, 'cancel.json'), '{}');
    writeFileSync(path.join(dir, 'other.json'), '{}');
    await waitFor(() => heard.length > 0, 'the cancel to be heard', 2000);
    expect(heard[0]! - written).toBeLessThan(500);
    writeFileSync(path.join(dir, 'cancel.json'), '{"again":true}');
    stop();
    expect(heard).toHaveLength(1);
  });

  it('calls back at once for a request made before the watch', () => {
    writeFileSync(path.join(dir, 'cancel.json'), '{}');
    let heard = 0;
    watchForCancel(root, 'job-1', () => (heard += 1));
    expect(heard).toBe(1);
  });

  it('stays silent once stopped', async () => {
    let heard = 0;
    const stop = watchForCancel(root, 'job-1', () => (heard += 1));
    stop();
    // A watch of our own sees the request's event; the stopped one got the same event, and must have let it pass.
    const seen = new Promise<void>((resolve) => {
      const own = watch(dir, (_event, file) => {
        if (file === 'cancel.json') {
          own.close();
          resolve();
        }
      });
    });
    writeFileSync(path.join(dir, 'cancel.json'), '{}');
    await seen;
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toBe(0);
  });
});
