// Chaos: two servers on one job directory, cap 2, and in each round a server or a worker paused with SIGSTOP at a
// random moment for 5 to 11 s, then resumed. Every job runs exactly once and completes, and never more than 2 run
// at once (from the stand-in claude's own start and end stamps).
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runnerEntryPath } from '../../src/runner/entry-path.js';
import { findProcessesWithArg } from '../helpers/e2e-bed.js';
import { startServer, waitForStatus } from '../helpers/mcp-client.js';
import { countStarts, peakConcurrency } from '../helpers/stamps.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';

const root = useTestRoot();
const ROUNDS = 3;
const JOBS_PER_ROUND = 5;

describe('chaos', () => {
  it(`${ROUNDS} rounds of ${JOBS_PER_ROUND} jobs with a server or a worker paused 5-11 s at random: each job runs once, completes, and the cap holds`, async () => {
    const test = root.current;
    const stamps = path.join(test.dir, 'stamps.log');
    const env = test.env({ CLAUDE_ASYNC_MAX_PARALLEL: '2' });
    const servers = [await startServer(env), await startServer(env)];
    const all: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const ids: string[] = [];
      for (let i = 0; i < JOBS_PER_ROUND; i += 1) ids.push(String((await servers[i % 2]!.call('claude_start', { prompt: `@stamps ${stamps}\n@sleep ${200 + Math.floor(Math.random() * 600)}` })).jobId));
      all.push(...ids);
      await sleep(Math.random() * 400);
      const workers = findProcessesWithArg(`${runnerEntryPath()}\0${test.jobDir}`.replace('\0', ' '));
      const pausedServer = round % 2 === 0 || workers.length === 0;
      const victim = pausedServer ? servers[round % 2]!.pid! : workers[Math.floor(Math.random() * workers.length)]!;
      const watcher = servers[pausedServer ? (round + 1) % 2 : 0]!;
      process.kill(victim, 'SIGSTOP');
      await sleep(5000 + Math.random() * 6000);
      process.kill(victim, 'SIGCONT');
      for (const jobId of ids) expect((await waitForStatus(watcher, jobId, ['completed', 'failed', 'cancelled', 'orphaned', 'unknown'], 60_000)).status).toBe('completed');
    }
    const starts = countStarts(stamps);
    expect(all.map((jobId) => starts.get(jobId) ?? 0)).toEqual(all.map(() => 1));
    expect(peakConcurrency(stamps)).toBeLessThanOrEqual(2);
  }, 240_000);
});
