// --selftest --real: one tiny job through our server with the claude that real jobs would use, to learn whether it
// can start and authenticate on this machine. It costs one short model turn.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveClaudeCli } from '../claude/resolve-cli.js';
import { readTranscriptLine, type TranscriptState } from '../claude/transcript.js';
import { describeApiRetry } from '../cli/format/render-transcript.js';
import { readLog, splitLines } from '../cli/read-log.js';
import { jobOutputPaths } from '../jobs/index.js';
import { shortenLine } from '../shorten-line.js';
import { openMcpSession, scratchServerEnv, viewHasEnded, waitForJobEnd, type McpSession } from './mcp-session.js';

type Report = (ok: boolean, line: string) => void;
// A line said while the check runs: what it waits on, and claude's API retries as they happen.
type Progress = (line: string) => void;
type View = Record<string, unknown>;

const PROMPT = 'Reply with the single word: ok';
const JOB_TIMEOUT_SECONDS = 120;
// The job's own time limit plus room for the runner to record the end.
const WAIT_DEADLINE_MS = (JOB_TIMEOUT_SECONDS + 30) * 1000;
const AUTH_FAILURE = /Failed to authenticate|API Error: 401|authentication_error|Invalid API key|Please run \/login|Not logged in|OAuth token (has )?expired/i;
const PROGRESS_EVERY_MS = 15_000;
const FOLLOW_INTERVAL_MS = 250;
const AUTH_ADVICE = 'claude could not authenticate: run `claude` once to log in, or set ANTHROPIC_API_KEY';

function reportEnd(report: Report, view: View, claude: string): void {
  const result = typeof view.result === 'string' ? view.result : undefined;
  const reason = typeof view.reason === 'string' ? view.reason : '';
  if (view.status === 'completed' && result !== undefined) {
    const cost = typeof view.costUsd === 'number' ? `$${view.costUsd}` : 'cost not reported';
    report(true, `real claude ${claude} authenticated and answered a job: "${shortenLine(result, 80)}" (${cost})`);
    return;
  }
  const said = reason || result || String(view.output ?? '');
  if (AUTH_FAILURE.test(said)) {
    report(false, `${AUTH_ADVICE} (claude said: ${shortenLine(said, 300)})`);
    return;
  }
  if (!viewHasEnded(view)) {
    report(false, `real claude ${claude} did not finish a one-word job within ${WAIT_DEADLINE_MS / 1000} s (still ${String(view.status)})`);
    return;
  }
  report(false, `real claude ${claude} could not run a job: ${String(view.status)}${said ? `: ${shortenLine(said, 300)}` : ''}`);
}

export async function runRealCheck(report: Report, progress: Progress = () => undefined): Promise<void> {
  const cli = resolveClaudeCli();
  if (!cli.found) {
    report(false, `no real claude to check: ${cli.message}`);
    return;
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'claude-async-real-check-'));
  let session: McpSession | undefined;
  let jobId: string | undefined;
  let ended = false;
  try {
    session = await openMcpSession(scratchServerEnv(scratch, cli.path));
    const started = await session.call('claude_start', { prompt: PROMPT, skipPermissions: false, maxTurns: 1, timeoutSeconds: JOB_TIMEOUT_SECONDS });
    jobId = String(started.jobId);
    progress(`waiting for real claude to answer job ${jobId} (at most ${WAIT_DEADLINE_MS / 1000} s)`);
    const view = await followWhileWaiting(jobOutputPaths(path.join(scratch, 'jobs'), jobId).stdout, progress, () => waitForJobEnd(session!, jobId!, WAIT_DEADLINE_MS));
    ended = viewHasEnded(view);
    reportEnd(report, view, `${cli.path} (found via ${cli.how})`);
  } catch (error) {
    report(false, `the real check could not finish: ${(error as Error).message}`);
  } finally {
    // A job still running would write into the folder about to be removed.
    if (session && jobId && !ended) await session.call('claude_cancel', { jobId, waitSeconds: 10 }).catch(() => undefined);
    await session?.close().catch(() => undefined);
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}

// While `wait` runs, reads the job's stream-json as it grows and says each API retry claude makes, plus how long it
// has been waiting now and then, so a check that hangs on an unreachable API does not hang in silence.
async function followWhileWaiting<T>(stdoutFile: string, progress: Progress, wait: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const ticker = setInterval(() => progress(`still waiting for claude (${Math.round((Date.now() - started) / 1000)} s)`), PROGRESS_EVERY_MS);
  const state: TranscriptState = {};
  const lines = splitLines((line) => {
    for (const item of readTranscriptLine(line, state)) if (item.kind === 'retry') progress(describeApiRetry(item));
  });
  let done = false;
  const following = readLog(stdoutFile, lines.push, { hasEnded: async () => done, intervalMs: FOLLOW_INTERVAL_MS }).catch(() => undefined);
  try {
    return await wait();
  } finally {
    done = true;
    clearInterval(ticker);
    await following;
  }
}
