// The spare worker a server keeps booted: a start wakes it, and it claims the job itself, with no Node start in
// between; it ends when its server does.
import { describe, expect, it } from 'vitest';
import { inspectJob } from '../../src/jobs/index.js';
import { isProcessAlive } from '../../src/process/identity.js';
import { runnerEntryPath } from '../../src/runner/entry-path.js';
import { SPARE_ARG } from '../../src/runner/launch.js';
import { findProcessesWithArg } from '../helpers/e2e-bed.js';
import { startServer, waitForStatus } from '../helpers/mcp-client.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();

describe('the spare worker', () => {
  it('runs the next job itself, and ends with its server', async () => {
    const server = await startServer(root.current.env());
    const first = String((await server.call('claude_start', { prompt: 'first' })).jobId);
    await waitForStatus(server, first, ['completed']);
    const spareOf = `${runnerEntryPath()} ${root.current.jobDir} ${SPARE_ARG}`;
    const [spare] = await waitFor(() => {
      const found = findProcessesWithArg(spareOf);
      return found.length === 1 ? found : undefined;
    }, 'one spare worker');
    const second = String((await server.call('claude_start', { prompt: 'second' })).jobId);
    await waitForStatus(server, second, ['completed']);
    expect((await inspectJob(root.current.jobDir, second)).runner!.runner.pid).toBe(spare);
    // A new spare is made for the next start; closing the server ends it.
    const [next] = await waitFor(() => {
      const found = findProcessesWithArg(spareOf).filter((pid) => pid !== spare);
      return found.length === 1 ? found : undefined;
    }, 'the next spare');
    await server.close();
    await waitFor(() => !isProcessAlive({ pid: next!, startTime: null }), 'the spare to end with its server');
  });
});
