// The runner: waits on claude and is the one that writes how it ended (the waiter writes the exit record). It also
// enforces the job's time limit and honours a cancel, so both hold with no server running.
import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { buildClaudeArgs } from '../claude/build-args.js';
import { buildChildEnv } from '../claude/child-env.js';
import { explainFailure } from '../claude/explain-failure.js';
// Straight from the modules, not the store's index: a runner loads only what waiting on claude needs.
import { findFinalResult } from '../jobs/final-result.js';
import { jobProcessMarkers } from '../jobs/process-markers.js';
import { jobOutputPaths } from '../jobs/output-paths.js';
import { relayForJob } from '../permissions/relay-for-job.js';
import { prepareWorkFolder } from '../worktree/prepare-worktree.js';
import {
  claimJob,
  isCancelRequested,
  openJobIo,
  readRunnableJob,
  readStderrTail,
  recordClaudeStarted,
  recordExit,
} from '../jobs/run-records.js';
import type { ExitRecord, JobRecord, ProcessRef, RunnerRecord } from '../jobs/schema.js';
import { hasQueuedJobs } from '../jobs/slots.js';
import { describeExit } from '../jobs/status.js';
import { describeProcess } from '../process/identity.js';
import { stopProcessGroup } from '../process/stop-group.js';
import type { Settings } from '../settings.js';
import { capLogs } from './cap-logs.js';

const STOP_GRACE_MS = 3000;
const LOG_CHECK_MS = 2000;

interface StopRequest {
  outcome: 'cancelled' | 'timed_out';
  reason: string;
}

function now(): string {
  return new Date().toISOString();
}

function endedWithout(outcome: ExitRecord['outcome'], reason: string): ExitRecord {
  return { outcome, endedAt: now(), exitCode: null, signal: null, reason };
}

async function checkWorkFolder(record: JobRecord): Promise<string | undefined> {
  const info = await stat(record.workFolder).catch(() => undefined);
  return info?.isDirectory() ? undefined : `the workFolder ${record.workFolder} no longer exists or is not a directory`;
}

function waitForSpawn(child: ChildProcess): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', (error) => resolve(error));
  });
}

function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function buildExitRecord(root: string, jobId: string, ended: { code: number | null; signal: NodeJS.Signals | null }, stop?: StopRequest): Promise<ExitRecord> {
  const result = await findFinalResult(root, jobId).catch(() => undefined);
  const exit: ExitRecord = { outcome: stop?.outcome ?? 'exited', endedAt: now(), exitCode: ended.code, signal: ended.signal };
  if (result) exit.result = result;
  if (stop) exit.reason = stop.reason;
  else if (ended.code !== 0) exit.reason = explainFailure(describeExit(exit), result, await readStderrTail(root, jobId, 2048));
  return exit;
}

class JobRun {
  private stop: StopRequest | undefined;
  private claude: ProcessRef | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly markers: Record<string, string>;
  // Stops a setupCommand that still runs when a stop is asked for.
  private readonly stopping = new AbortController();

  constructor(
    private readonly root: string,
    private readonly record: JobRecord,
    private readonly runner: RunnerRecord,
    private readonly settings: Settings,
  ) {
    this.markers = jobProcessMarkers(root, record.jobId);
  }

  // Stops claude's whole group; the exit that follows is recorded with this request's outcome.
  requestStop(stop: StopRequest): void {
    if (this.stop) return;
    this.stop = stop;
    this.stopping.abort();
    if (this.claude) void stopProcessGroup(this.claude, STOP_GRACE_MS, this.markers);
  }

  async run(): Promise<ExitRecord> {
    const { root, record } = this;
    const missingFolder = await checkWorkFolder(record);
    if (missingFolder) return endedWithout('spawn_failed', missingFolder);
    if (this.stop) return endedWithout(this.stop.outcome, this.stop.reason);
    const io = await openJobIo(root, record.jobId);
    const env = buildChildEnv(process.env, { ...this.markers, CLAUDE_ASYNC_DEPTH: String(this.settings.depth + 1) });
    // worktree: true (src/worktree): the worktree is made and its setupCommand run, output in stderr.log.
    const folder = await prepareWorkFolder({ root, ...record }, { logFile: jobOutputPaths(root, record.jobId).stderr, env, signal: this.stopping.signal });
    if ('failed' in folder) {
      await io.close();
      // A stop asked for during the setup ends the job as asked, not as a failure.
      const stop = this.stop as StopRequest | undefined;
      return stop ? endedWithout(stop.outcome, stop.reason) : endedWithout(folder.outcome, folder.failed);
    }
    // askPermissions (src/permissions): claude asks our relay, which waits for claude_respond.
    const permissionRelay = record.claude.askPermissions ? relayForJob(jobOutputPaths(root, record.jobId).dir, this.settings.permissionTimeoutSeconds) : undefined;
    let child: ChildProcess;
    try {
      // detached: claude leads its own process group, so a stop can signal everything it started.
      child = spawn(record.claudePath, buildClaudeArgs(record.claude, { permissionRelay }), {
        cwd: folder.cwd,
        env,
        detached: true,
        stdio: [io.stdin.fd, io.stdout.fd, io.stderr.fd],
        windowsHide: true,
      });
    } catch (error) {
      await io.close();
      return endedWithout('spawn_failed', `claude could not be started from ${record.claudePath}: ${(error as Error).message}`);
    }
    const exited = waitForExit(child);
    const spawnError = await waitForSpawn(child);
    await io.close();
    if (spawnError) return endedWithout('spawn_failed', `claude could not be started from ${record.claudePath}: ${spawnError.code ?? spawnError.message}`);
    this.claude = describeProcess(child.pid!);
    await recordClaudeStarted(root, record.jobId, this.runner, this.claude);
    this.startTimers();
    if (this.stop) void stopProcessGroup(this.claude, STOP_GRACE_MS, this.markers);
    const ended = await exited;
    this.timers.forEach(clearInterval);
    if (this.settings.maxLogBytes > 0) await capLogs(root, record.jobId, this.settings.maxLogBytes).catch(() => undefined);
    const exit = await buildExitRecord(root, record.jobId, ended, this.stop);
    // Whatever claude left running in its group (background shells, MCP servers) goes with it.
    await stopProcessGroup(this.claude, 1000, this.markers);
    return exit;
  }

  private startTimers(): void {
    const { timeoutSeconds, jobId } = this.record;
    if (timeoutSeconds) {
      const timer = setTimeout(() => this.requestStop({ outcome: 'timed_out', reason: `ran past its time limit of ${timeoutSeconds} s` }), timeoutSeconds * 1000);
      this.timers.push(timer);
    }
    if (this.settings.maxLogBytes > 0) {
      this.timers.push(setInterval(() => void capLogs(this.root, jobId, this.settings.maxLogBytes).catch(() => undefined), LOG_CHECK_MS));
    }
  }
}

// SIGTERM asks the runner to stop its job: claude_cancel sends it after writing the job's cancel request. A runner
// that has moved on to the next job may still get a cancel meant for the one before, which it ignores.
class StopSignals {
  current: { jobId: string; run?: JobRun; signalled: boolean } | undefined;
  // The job run before this one, unless its own cancel was already honoured.
  previous: string | undefined;
  // Told to stop between jobs: take no more.
  terminated = false;

  constructor(private readonly root: string) {
    process.on('SIGTERM', () => this.onTerm());
  }

  private onTerm(): void {
    const current = this.current;
    if (current && isCancelRequested(this.root, current.jobId)) return this.stop(current);
    if (this.previous && isCancelRequested(this.root, this.previous)) return;
    if (current) return this.stop(current);
    this.terminated = true;
  }

  private stop(current: NonNullable<StopSignals['current']>): void {
    current.signalled = true;
    current.run?.requestStop({ outcome: 'cancelled', reason: 'cancelled on request' });
  }
}

// Runs one job to its end; returns the job this runner is to run next, if the queue handed it one.
async function runOneJob(root: string, jobId: string, settings: Settings, signals: StopSignals): Promise<string | undefined> {
  // Current before the claim: a cancel may arrive the moment the claim is visible.
  const current: NonNullable<StopSignals['current']> = { jobId, signalled: false };
  signals.current = current;
  const runner = await claimJob(root, jobId, describeProcess(process.pid));
  if (!runner) {
    signals.current = undefined;
    return undefined;
  }
  const record = await readRunnableJob(root, jobId);
  let exit: ExitRecord;
  if (typeof record === 'string') {
    exit = endedWithout('spawn_failed', record);
  } else {
    const run = new JobRun(root, record, runner, settings);
    current.run = run;
    if (current.signalled || isCancelRequested(root, jobId)) run.requestStop({ outcome: 'cancelled', reason: 'cancelled before claude started' });
    exit = await run.run().catch((error: Error) => endedWithout('spawn_failed', `the runner failed: ${error.message}`));
    const { writeResultFile } = await import('./write-result-file.js');
    await writeResultFile(record, exit).catch(() => undefined);
  }
  const finish = async () => {
    await recordExit(root, jobId, exit);
    signals.current = undefined;
    signals.previous = exit.outcome === 'cancelled' ? undefined : jobId;
  };
  if (signals.terminated || !(await hasQueuedJobs(root))) {
    await finish();
    return undefined;
  }
  return handOver(root, settings, finish);
}

// With jobs waiting, the end is recorded under the queue's lock and the freed slot handed on at once: the first job
// it starts is run by this runner itself, with no new runner to start (~50 ms of CPU); any others get runners of
// their own.
async function handOver(root: string, settings: Settings, finish: () => Promise<void>): Promise<string | undefined> {
  // Loaded only now, and only with jobs waiting: the queue (and the schema library under it) is not needed otherwise.
  const [{ finishAndPromote }, { launchRunner }] = await Promise.all([import('../jobs/queue.js'), import('./launch.js')]);
  let own: string | undefined;
  const launch = (next: string) => {
    if (own === undefined) own = next;
    else launchRunner(root, next);
  };
  await finishAndPromote(root, { maxParallel: settings.maxParallel, launch }, finish).catch(() => undefined);
  return own;
}

export async function runJobs(root: string, jobId: string, settings: Settings): Promise<void> {
  const signals = new StopSignals(root);
  for (let next: string | undefined = jobId; next !== undefined; ) next = await runOneJob(root, next, settings, signals);
}
