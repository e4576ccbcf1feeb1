// The spare runner a server keeps ready after its first launch: the next job is handed to it, a new one is made,
// and the spare ends with the server.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { inspectJob } from '../../src/jobs/index.js';
import { isProcessAlive } from '../../src/process/identity.js';
import { STANDBY_ARG } from '../../src/runner/standby.js';
import { startServer, waitForClaude, waitForStatus } from '../helpers/mcp-client.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();

// Spare runners waiting for a job of this job directory, found by their command line.
function spares(jobDir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes(STANDBY_ARG) && argv.includes(jobDir) && !argv.includes('-c')) found.push(Number(entry));
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

it.runIf(process.platform === 'linux')('hands the next job to a ready spare runner, keeps one ready, and ends it with the server', async () => {
  const { jobDir } = root.current;
  const server = await startServer(root.current.env());
  expect(spares(jobDir)).toEqual([]);
  const first = String((await server.call('claude_start', { prompt: 'first' })).jobId);
  await waitForStatus(server, first, ['completed']);
  const [spare] = await waitFor(() => (spares(jobDir).length === 1 ? spares(jobDir) : undefined), 'one spare runner');
  const second = String((await server.call('claude_start', { prompt: '@sleep 60000' })).jobId);
  await waitForClaude(server, second);
  expect((await inspectJob(jobDir, second)).runner?.runner.pid).toBe(spare);
  // A new spare replaces the one that took the job.
  const next = await waitFor(() => spares(jobDir).find((pid) => pid !== spare), 'a new spare');
  expect((await server.call('claude_cancel', { jobId: second })).status).toBe('cancelled');
  await server.close();
  await waitFor(() => (isProcessAlive({ pid: next, startTime: null }) ? undefined : true), 'the spare to end with its server');
  expect(spares(jobDir)).toEqual([]);
});
