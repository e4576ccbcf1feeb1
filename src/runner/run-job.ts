// Runs one claimed job: claude with the job's own recorded environment, the job's logs as its output, the time
// limit and a cancel honoured, and then the exit record, written by the one who waited on claude.
import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { buildClaudeArgs } from '../claude/build-args.js';
import { explainFailure } from '../claude/explain-failure.js';
// Straight from the modules, not the store's index: a worker loads only what waiting on claude needs.
import { findFinalResult } from '../jobs/final-result.js';
import { jobPaths } from '../jobs/layout.js';
import { jobProcessMarkers } from '../jobs/process-markers.js';
import { openJobIo, readJobEnv, readRunnableJob, readStderrTail, recordClaudeStarted } from '../jobs/run-records.js';
import { relayForJob } from '../permissions/relay-for-job.js';
import { prepareWorkFolder } from '../worktree/prepare-worktree.js';
import type { ExitRecord, JobRecord, ProcessRef, RunnerRecord } from '../jobs/schema.js';
import { describeExit, endedWithout } from '../jobs/status.js';
import { stopJobLeftovers } from '../jobs/stop-job.js';
import { commandInCgroup, killCgroup, makeJobCgroup } from '../process/cgroup.js';
import { describeProcess } from '../process/identity.js';
import { stopProcessGroup } from '../process/stop-group.js';
import { DEFAULT_PERMISSION_TIMEOUT_SECONDS } from '../settings.js';
import { capLogs } from './cap-logs.js';
import { watchForCancel } from './watch-cancel.js';

const STOP_GRACE_MS = 3000;
const LOG_CHECK_MS = 2000;

export interface StopRequest {
  outcome: 'cancelled' | 'timed_out';
  reason: string;
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
  const exit: ExitRecord = { outcome: stop?.outcome ?? 'exited', endedAt: new Date().toISOString(), exitCode: ended.code, signal: ended.signal };
  if (result) exit.result = result;
  if (stop) exit.reason = stop.reason;
  else if (ended.code !== 0) exit.reason = explainFailure(describeExit(exit), result, await readStderrTail(root, jobId, 2048));
  return exit;
}

export class JobRun {
  // The job as recorded, once read: its worker writes a batch result from it.
  record: JobRecord | undefined;
  private stop: StopRequest | undefined;
  private claude: ProcessRef | undefined;
  private cgroup: string | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private capping: Promise<void> = Promise.resolve();
  private readonly markers: Record<string, string>;
  // Stops a setupCommand that still runs when a stop is asked for.
  private readonly stopping = new AbortController();

  constructor(
    private readonly root: string,
    private readonly jobId: string,
    private readonly claim: RunnerRecord,
  ) {
    this.markers = jobProcessMarkers(root, jobId);
  }

  // Stops claude's whole group: claude is this process's own child and not yet waited for, so its pid (the group's
  // id) cannot have been handed to another process. The exit that follows is recorded with this request's outcome.
  requestStop(stop: StopRequest): void {
    if (this.stop) return;
    this.stop = stop;
    this.stopping.abort();
    if (this.claude) void this.stopClaude();
  }

  private async stopClaude(): Promise<void> {
    await stopProcessGroup(this.claude!, STOP_GRACE_MS, this.markers);
    if (this.cgroup) killCgroup(this.cgroup);
  }

  async run(): Promise<ExitRecord> {
    const { root, jobId } = this;
    const stopWatching = watchForCancel(root, jobId, () => this.requestStop({ outcome: 'cancelled', reason: 'cancelled on request' }));
    try {
      const record = await readRunnableJob(root, jobId);
      if (typeof record === 'string') return endedWithout('spawn_failed', record);
      this.record = record;
      const env = await readJobEnv(root, jobId);
      if (typeof env === 'string') return endedWithout('spawn_failed', env);
      const missingFolder = await checkWorkFolder(record);
      if (missingFolder) return endedWithout('spawn_failed', missingFolder);
      if (this.stop) return endedWithout(this.stop.outcome, `${this.stop.reason}; claude never started`);
      return await this.runClaude(record, { ...env, ...this.markers });
    } finally {
      stopWatching();
      this.timers.forEach(clearInterval);
    }
  }

  private async runClaude(record: JobRecord, env: Record<string, string>): Promise<ExitRecord> {
    const { root, jobId } = this;
    const paths = jobPaths(root, jobId);
    const io = await openJobIo(root, jobId);
    const workStartedAt = Date.now();
    // worktree: true (src/worktree): the worktree is made and its setupCommand run, its output in stderr.log.
    const folder = await prepareWorkFolder({ root, ...record }, { logFile: paths.stderr, env, signal: this.stopping.signal });
    if ('failed' in folder) {
      await io.close();
      // A stop asked for during the setup ends the job as asked, not as a failure.
      const stop = this.stop as StopRequest | undefined;
      return stop ? endedWithout(stop.outcome, stop.reason) : endedWithout(folder.outcome, folder.failed);
    }
    // askPermissions (src/permissions): claude asks our relay, which waits for claude_respond.
    const permissionRelay = record.claude.askPermissions ? relayForJob(paths.dir, record.permissionTimeoutSeconds ?? DEFAULT_PERMISSION_TIMEOUT_SECONDS) : undefined;
    this.cgroup = makeJobCgroup(`claude-async-${jobId}-${Date.now().toString(36)}`);
    const args = buildClaudeArgs(record.claude, { permissionRelay });
    const command = this.cgroup ? commandInCgroup(this.cgroup, record.claudePath, args) : { file: record.claudePath, args };
    let child: ChildProcess;
    try {
      // detached: claude leads its own process group, so a stop can signal everything it started.
      child = spawn(command.file, command.args, {
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
    await recordClaudeStarted(root, jobId, this.claim, this.claude, this.cgroup);
    this.startTimeLimit(record, Date.now() - workStartedAt);
    this.startLogCap(record);
    if (this.stop) void this.stopClaude();
    const ended = await exited;
    this.timers.forEach(clearInterval);
    // The last cut waits for one still under way: two cuts of one log at once would garble it.
    if ((record.maxLogBytes ?? 0) > 0) await this.capLogsInTurn(record.maxLogBytes!);
    const exit = await buildExitRecord(root, jobId, ended, this.stop);
    // Whatever claude left running (background shells, MCP servers, daemons) goes with it.
    await stopJobLeftovers(root, jobId, this.claude, this.cgroup);
    return exit;
  }

  // The limit bounds the whole job: a worktree's setup (which enforces it itself, in its own words) and then claude,
  // which gets what the setup left of it.
  private startTimeLimit(record: JobRecord, spentMs: number): void {
    const { timeoutSeconds } = record;
    if (!timeoutSeconds) return;
    const timer = setTimeout(() => this.requestStop({ outcome: 'timed_out', reason: `ran past its time limit of ${timeoutSeconds} s` }), Math.max(0, timeoutSeconds * 1000 - spentMs));
    this.timers.push(timer);
  }

  private startLogCap(record: JobRecord): void {
    const maxLogBytes = record.maxLogBytes ?? 0;
    if (maxLogBytes > 0) this.timers.push(setInterval(() => void this.capLogsInTurn(maxLogBytes), LOG_CHECK_MS));
  }

  // One cut at a time, each after the one before.
  private capLogsInTurn(maxLogBytes: number): Promise<void> {
    this.capping = this.capping.then(() => capLogs(this.root, this.jobId, maxLogBytes)).catch(() => undefined);
    return this.capping;
  }
}
