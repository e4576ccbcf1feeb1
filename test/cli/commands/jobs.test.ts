// `claude-async jobs` against a job directory filled through the real server.
import { describe, expect, it } from 'vitest';
import { useCliRoot } from '../../helpers/cli-root.js';
import { startServer, waitForStatus } from '../../helpers/mcp-client.js';
import { cliEnv, runCli } from '../../helpers/run-cli.js';

const ANSI = /\x1b\[/;
let completed: string;
let failed: string;

const shared = useCliRoot(async (root) => {
  const server = await startServer(root.env());
  completed = String((await server.call('claude_start', { prompt: 'write the changelog' })).jobId);
  failed = String((await server.call('claude_start', { prompt: '@exit 4\nbreak the build' })).jobId);
  await waitForStatus(server, completed, ['completed']);
  await waitForStatus(server, failed, ['failed']);
});

describe('claude-async jobs', () => {
  it('prints a table newest first, with no colour when piped', async () => {
    const run = await runCli(['jobs'], { env: cliEnv(shared.current) });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).not.toMatch(ANSI);
    const [header, first, second] = run.stdout.trimEnd().split('\n');
    expect(header!.split(/\s+/)).toEqual(['ID', 'STATUS', 'AGE', 'DURATION', 'FOLDER', 'COST', 'PROMPT']);
    expect(first).toMatch(new RegExp(`^${failed}\\s+failed\\s+\\d+s\\s+[\\d.]+s\\s+\\S+\\s+\\$0\\.0012\\s+@exit 4 break the build$`));
    expect(second).toMatch(new RegExp(`^${completed}\\s+completed\\s.*\\$0\\.0012\\s+write the changelog$`));
  });

  it('colours when forced, and NO_COLOR wins over that', async () => {
    expect((await runCli(['jobs'], { env: cliEnv(shared.current, { FORCE_COLOR: '1' }) })).stdout).toMatch(ANSI);
    expect((await runCli(['jobs'], { env: cliEnv(shared.current, { FORCE_COLOR: '1', NO_COLOR: '1' }) })).stdout).not.toMatch(ANSI);
  });

  it('prints the listing as JSON, the same the claude_jobs tool returns', async () => {
    const run = await runCli(['jobs', '--json'], { env: cliEnv(shared.current) });
    const server = await startServer(shared.current.env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(await server.call('claude_jobs', { limit: 20 }));
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 2, jobs: [{ jobId: failed, status: 'failed', exitCode: 4 }, { jobId: completed, status: 'completed' }] });
  });

  it('filters by status and limits, saying how many it left out', async () => {
    const onlyFailed = await runCli(['jobs', '--status', 'failed', '--json'], { env: cliEnv(shared.current) });
    expect(JSON.parse(onlyFailed.stdout).jobs.map((job: { jobId: string }) => job.jobId)).toEqual([failed]);
    const limited = await runCli(['jobs', '--limit', '1'], { env: cliEnv(shared.current) });
    expect(limited.stdout).toContain(failed);
    expect(limited.stdout).not.toContain(completed);
    expect(limited.stdout).toContain('1 of 2 jobs; --limit 2 shows them all.');
    expect((await runCli(['jobs', '--status', 'queued'], { env: cliEnv(shared.current) })).stdout).toBe(`No queued jobs in ${shared.current.jobDir}. (2 in other statuses.)\n`);
  });

  it.each([
    [['--status', 'done'], "argument 'done' is invalid. Allowed choices are queued, running, input_required, completed"],
    [['--limit', '0'], "expected a whole number of 1 or more, got '0'"],
    [['--limit', 'ten'], "expected a whole number of 1 or more, got 'ten'"],
  ])('refuses %j saying what is accepted', async (args, message) => {
    const run = await runCli(['jobs', ...args], { env: cliEnv(shared.current) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });
});
