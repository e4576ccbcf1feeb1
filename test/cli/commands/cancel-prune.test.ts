// `claude-async cancel` and `prune` against jobs made through the real server.
import { expect, it } from 'vitest';
import { startServer, waitForClaude, waitForStatus } from '../../helpers/mcp-client.js';
import { cliEnv, killClis, runCli } from '../../helpers/run-cli.js';
import { useTestRoot } from '../../helpers/test-root-hooks.js';
import { afterEach } from 'vitest';

const root = useTestRoot();
afterEach(() => killClis());

it('cancel stops a running job by the start of its id, and says when there is nothing to cancel', async () => {
  const server = await startServer(root.current.env());
  const { jobId } = await server.call('claude_start', { prompt: '@child\n@sleep 60000' });
  await waitForClaude(server, String(jobId));
  const env = cliEnv(root.current);
  const cancelled = await runCli(['cancel', String(jobId).slice(0, 14)], { env });
  expect(cancelled).toMatchObject({ code: 0, stdout: `${jobId} cancelled\n` });
  expect((await server.call('claude_check', { jobId })).status).toBe('cancelled');
  const again = await runCli(['cancel', String(jobId)], { env });
  expect(again).toMatchObject({ code: 0, stdout: `${jobId} already ended (cancelled); nothing to cancel\n` });
});

it('prune removes finished jobs past the age, never a running one, and refuses a bad age', async () => {
  const server = await startServer(root.current.env());
  const done = await server.call('claude_start', { prompt: 'x' });
  await waitForStatus(server, String(done.jobId), ['completed']);
  const running = await server.call('claude_start', { prompt: '@sleep 60000' });
  const env = cliEnv(root.current);
  expect(await runCli(['prune'], { env })).toMatchObject({
    code: 0,
    stdout: 'nothing to prune: no finished jobs that ended more than 7d ago (the default age; --older-than sets another, 0 for all)\n',
  });
  expect(await runCli(['prune', '--older-than', '2h', '--status', 'failed'], { env })).toMatchObject({ stdout: 'nothing to prune: no finished failed jobs that ended more than 2h ago\n' });
  expect(await runCli(['prune', '--older-than', '0'], { env })).toMatchObject({ code: 0, stdout: `removed 1 finished job: ${done.jobId}\n` });
  expect((await server.call('claude_check', { jobId: running.jobId })).status).not.toBe('unknown');
  const bad = await runCli(['prune', '--older-than', 'a week'], { env });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("expected an age such as 7d, 12h or 30m, got 'a week'");
});
