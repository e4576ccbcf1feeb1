// `claude-async show` on finished jobs made by the real server.
import { describe, expect, it } from 'vitest';
import { useCliRoot } from '../../helpers/cli-root.js';
import { FIXTURE_TRANSCRIPT_LINES, makeFixtureJob } from '../../helpers/fixture-job.js';
import { startServer, waitForStatus } from '../../helpers/mcp-client.js';
import { cliEnv, runCli } from '../../helpers/run-cli.js';

let done: string;
let failed: string;

const shared = useCliRoot(async (root) => {
  done = await makeFixtureJob(root);
  const server = await startServer(root.env());
  failed = String((await server.call('claude_start', { prompt: '@stderr API Error: 529 overloaded\n@exit 2' })).jobId);
  await waitForStatus(server, failed, ['failed']);
});

describe('claude-async show', () => {
  it("prints the job's facts, then its transcript for a person", async () => {
    const run = await runCli(['show', done], { env: cliEnv(shared.current) });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [facts, transcript] = run.stdout.split('\ntranscript\n');
    expect(facts).toMatch(new RegExp(`^job +${done}$`, 'm'));
    expect(facts).toMatch(/^status +completed \(exit 0\)$/m);
    expect(facts).toMatch(/^prompt +add hello\.txt and run the tests$/m);
    expect(facts).toMatch(/^model +sonnet$/m);
    expect(facts).toMatch(/^cost +\$0\.0012$/m);
    expect(facts).toMatch(/^ran +[\d.]+s$/m);
    expect(facts).toMatch(/^created +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\d+s ago\)$/m);
    expect(facts).toContain(shared.current.jobDir);
    expect(transcript!.trimEnd().split('\n')).toEqual(FIXTURE_TRANSCRIPT_LINES);
  });

  it("shows a failed job's reason and the end of its stderr", async () => {
    const run = await runCli(['show', failed], { env: cliEnv(shared.current) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^status +failed \(exit 2\)$/m);
    expect(run.stdout).toMatch(/^reason +claude exited with code 2/m);
    expect(run.stdout).toContain('✗ error_during_execution');
    expect(run.stdout).toMatch(/\nstderr\nAPI Error: 529 overloaded\n$/);
  });

  it('finds a job by the start of its id', async () => {
    const run = await runCli(['show', done.slice(0, done.length - 3)], { env: cliEnv(shared.current) });
    expect(run.stdout).toContain(`job      ${done}`);
  });

  it.each([
    [['show', 'nosuchjob'], /^claude-async: No job 'nosuchjob' in .+\. Recent jobs: (\S+), (\S+)\. 'claude-async jobs' lists them all\.\n$/],
    [['show', '0'], /^claude-async: '0' is the start of 2 job ids: \S+, \S+\. Give more of the id\.\n$/],
    [['show', '../etc'], /^claude-async: '\.\.\/etc' is not a job id: jobId must be 1-64 characters/],
  ])('%j fails with exit 1, saying which ids exist', async (args, message) => {
    const run = await runCli(args, { env: cliEnv(shared.current) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    if (args[1] === 'nosuchjob' && args[0] === 'show') expect(run.stderr).toContain(failed);
  });
});
