// `claude-async run` through the built binary: the id alone on stdout, --wait following to the job's outcome (its
// exit code), --json, and refusals in the terminal's own words.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectJob, jobOutputPaths, listJobs } from '../../../src/jobs/index.js';
import { CLI_ENTRY, cliEnv, killClis, runCli, startCli } from '../../helpers/run-cli.js';
import { useTestRoot } from '../../helpers/test-root-hooks.js';
import { waitFor } from '../../helpers/wait-for.js';

const root = useTestRoot();
afterEach(() => killClis());

const run = (...args: string[]) => runCli(['run', ...args], { env: cliEnv(root.current), cwd: root.current.dir });

describe('claude-async run', () => {
  it('prints the new job id alone and the job runs to completed in the folder given', async () => {
    const folder = path.join(root.current.dir, 'project');
    mkdirSync(folder);
    const started = await run('--folder', 'project', 'say hi');
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^\S+\n$/);
    const jobId = started.stdout.trim();
    expect(started.stderr).toBe(`queued in ${folder}; follow it with: claude-async logs -f ${jobId}\n`);
    const done = await waitFor(async () => {
      const job = await inspectJob(root.current.jobDir, jobId);
      return job.status === 'completed' && job;
    }, 'the job to complete');
    expect(done.record?.workFolder).toBe(folder);
  });

  it('--wait prints the transcript as it comes and exits 0 when the job completes', async () => {
    const result = await run('--wait', 'hello\n@ticks 2 100');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(1, 3)).toEqual(['tick 1', 'tick 2']);
    expect(lines.at(-2)).toMatch(/^✓ success · in .* · 1 turn · \$0\.0012$/);
    expect(lines.at(-1)).toMatch(/^\S+ completed$/);
  });

  it.each([
    { args: ['@exit 3'], code: 1, status: 'failed' },
    { args: ['--timeout', '1', '@sleep 30000'], code: 124, status: 'timed_out' },
  ])('--wait --json exits $code when the job ends $status, printing the finished job', async ({ args, code, status }) => {
    const result = await run('--wait', '--json', ...args);
    expect(result.code).toBe(code);
    const job = JSON.parse(result.stdout) as { status: string; jobId: string };
    expect(job.status).toBe(status);
    expect((await inspectJob(root.current.jobDir, job.jobId)).status).toBe(status);
  });

  it('--wait exits 130 when the job is cancelled while it follows', async () => {
    const env = cliEnv(root.current);
    const following = startCli(['run', '--wait', '@sleep 30000'], { env, cwd: root.current.dir });
    const jobId = await waitFor(async () => {
      const { jobs } = await listJobs(root.current.jobDir, { limit: 1 });
      return jobs[0]?.status === 'running' && jobs[0].jobId;
    }, 'the job to run');
    expect((await runCli(['cancel', jobId], { env })).code).toBe(0);
    const result = await following.done;
    expect(result.code).toBe(130);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(`${jobId} cancelled: cancelled on request`);
  });

  it("reads the prompt from standard input when it is '-'", () => {
    const prompt = 'a prompt\nof two lines, too long or too odd for a shell argument: $(nope) `nor this`';
    const result = spawnSync(process.execPath, [CLI_ENTRY, 'run', '-'], { input: prompt, env: cliEnv(root.current), encoding: 'utf8' });
    expect(result.status).toBe(0);
    const jobId = result.stdout.trim();
    expect(readFileSync(path.join(jobOutputPaths(root.current.jobDir, jobId).dir, 'prompt.txt'), 'utf8')).toBe(prompt);
  });

  it('--json prints the started job', async () => {
    const result = await run('--json', '--job-id', 'mine-1', 'x');
    expect(JSON.parse(result.stdout)).toMatchObject({ jobId: 'mine-1', status: 'queued', created: true, workFolder: root.current.dir });
  });

  it.each([
    { args: ['--folder', 'nope', 'x'], says: "--folder '", also: "nope' does not exist. Give the absolute path of an existing directory." },
    { args: ['--resume', 'nosuch', 'x'], says: "--resume 'nosuch' is not a known job", also: 'claude-async jobs lists the jobs' },
    { args: ['--max-turns', '0', 'x'], says: "option '--max-turns <n>' argument '0' is invalid", also: 'expected a whole number of at least 1' },
  ])('refuses $args with exit 1, saying what was wrong in terms of its options', async ({ args, says, also }) => {
    const result = await run(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(says);
    expect(result.stderr).toContain(also);
  });
});
