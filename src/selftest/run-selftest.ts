// --selftest: proves the plumbing end to end without a model: a real MCP client starts our server over stdio, runs
// jobs through the stand-in claude, restarts the server, and reads the jobs back.
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveClaudeCli } from '../claude/resolve-cli.js';
import { distPath } from '../package-root.js';
import { readSettings } from '../settings.js';
import { openMcpSession, scratchServerEnv, viewHasEnded, waitForJobEnd, type McpSession } from './mcp-session.js';
import { runRealCheck } from './real-check.js';

type Report = (ok: boolean, line: string) => void;

const JOB_DEADLINE_MS = 20_000;

async function waitForEnd(session: McpSession, jobId: string): Promise<Record<string, unknown>> {
  const view = await waitForJobEnd(session, jobId, JOB_DEADLINE_MS);
  if (!viewHasEnded(view)) throw new Error(`job ${jobId} still ${String(view.status)} after ${JOB_DEADLINE_MS / 1000} s`);
  return view;
}

async function checkJobs(report: Report, env: Record<string, string>): Promise<void> {
  let session = await openMcpSession(env);
  try {
    const tools = (await session.client.listTools()).tools.map((tool) => tool.name).sort();
    report(tools.includes('claude_start') && tools.includes('claude_check'), `MCP server answers over stdio; tools: ${tools.join(', ')}`);
    const prompt = 'selftest: say hello "quoted" $(not run) `nor this` ✓';
    const ok = await session.call('claude_start', { prompt });
    const failing = await session.call('claude_start', { prompt: '@exit 3\n@stderr selftest failure' });
    const done = await waitForEnd(session, String(ok.jobId));
    report(done.status === 'completed' && String(done.result).includes(`bytes ${Buffer.byteLength(prompt)}`), `a job runs to completed with its result (${String(done.status)})`);
    const failed = await waitForEnd(session, String(failing.jobId));
    report(failed.status === 'failed' && failed.exitCode === 3, `a failing job ends failed with its exit code (${String(failed.status)}, ${String(failed.exitCode)})`);
    await session.close();
    session = await openMcpSession(env);
    const again = await session.call('claude_check', { jobId: ok.jobId as string });
    report(again.status === 'completed', 'a new server process reads the jobs back from disk');
  } finally {
    await session.close();
  }
}

// `real`: also run one tiny job through the claude found on this machine, to learn whether it can authenticate.
export async function runSelftest(real = false): Promise<number> {
  let failures = 0;
  const report: Report = (ok, line) => {
    if (!ok) failures += 1;
    process.stdout.write(`${ok ? 'ok  ' : 'FAIL'}  ${line}\n`);
  };
  const major = Number(process.versions.node.split('.')[0]);
  report(major >= 20, `Node.js ${process.versions.node} (20 or newer needed)`);
  const settings = readSettings();
  report(canUseDirectory(settings.jobDir), `job directory: ${settings.jobDir} (must be a directory this user can write, or creatable)`);
  const cli = resolveClaudeCli();
  process.stdout.write(cli.found ? `info  claude CLI: ${cli.path} (found via ${cli.how})\n` : `info  ${cli.message}\n      (the selftest does not need it; real jobs do)\n`);
  const scratch = await mkdtemp(path.join(tmpdir(), 'claude-async-selftest-'));
  try {
    await checkJobs(report, scratchServerEnv(scratch, distPath('src', 'selftest', 'stand-in-claude.js')));
  } catch (error) {
    report(false, `selftest could not finish: ${(error as Error).message}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  if (real) await runRealCheck(report, (line) => process.stdout.write(`....  ${line}\n`));
  process.stdout.write(failures === 0 ? 'selftest passed\n' : `selftest failed: ${failures} check(s)\n`);
  return failures === 0 ? 0 : 1;
}

// A directory we can write, or one we can create: its nearest existing ancestor is a directory we can write.
function canUseDirectory(dir: string): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return false;
      accessSync(at, constants.W_OK | constants.X_OK);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(at) === at) return false;
    }
  }
}
