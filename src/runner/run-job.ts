// The runner: waits on claude and is the one that writes how it ended (the waiter writes the exit record).
import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { buildClaudeArgs } from '../claude/build-args.js';
import { buildChildEnv } from '../claude/child-env.js';
import { explainFailure } from '../claude/explain-failure.js';
import {
  claimJob,
  findFinalResult,
  openJobIo,
  promoteQueue,
  readJobRecord,
  readStderrTail,
  recordClaudeStarted,
  recordExit,
  type ExitRecord,
  type JobRecord,
  type ProcessRef,
} from '../jobs/index.js';
import { describeExit } from '../jobs/status.js';
import { describeProcess } from '../process/identity.js';
import { stopProcessGroup } from '../process/stop-group.js';
import type { Settings } from '../settings.js';
import { launchRunner } from './launch.js';

type Ending = { kind: 'spawn_error'; error: NodeJS.ErrnoException } | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null };

function now(): string {
  return new Date().toISOString();
}

function spawnFailure(reason: string): ExitRecord {
  return { outcome: 'spawn_failed', endedAt: now(), exitCode: null, signal: null, reason };
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

function waitForEnd(child: ChildProcess): Promise<Ending> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ kind: 'exit', code, signal })));
}

async function buildExitRecord(root: string, jobId: string, code: number | null, signal: NodeJS.Signals | null): Promise<ExitRecord> {
  const result = await findFinalResult(root, jobId).catch(() => undefined);
  const exit: ExitRecord = { outcome: 'exited', endedAt: now(), exitCode: code, signal };
  if (result) exit.result = result;
  if (code !== 0) exit.reason = explainFailure(describeExit(exit), result, await readStderrTail(root, jobId, 2048));
  return exit;
}

async function runClaude(root: string, jobId: string, record: JobRecord, runner: Awaited<ReturnType<typeof claimJob>> & object): Promise<ExitRecord> {
  const missingFolder = await checkWorkFolder(record);
  if (missingFolder) return spawnFailure(missingFolder);
  const io = await openJobIo(root, jobId);
  let child: ChildProcess;
  try {
    // detached: claude leads its own process group, so a stop can signal everything it started.
    child = spawn(record.claudePath, buildClaudeArgs(record.claude), {
      cwd: record.workFolder,
      env: buildChildEnv(process.env, { CLAUDE_ASYNC_JOB_ID: jobId }),
      detached: true,
      stdio: [io.stdin.fd, io.stdout.fd, io.stderr.fd],
      windowsHide: true,
    });
  } catch (error) {
    await io.close();
    return spawnFailure(`claude could not be started from ${record.claudePath}: ${(error as Error).message}`);
  }
  const ended = waitForEnd(child);
  const spawnError = await waitForSpawn(child);
  await io.close();
  if (spawnError) return spawnFailure(`claude could not be started from ${record.claudePath}: ${spawnError.code ?? spawnError.message}`);
  const claude: ProcessRef = describeProcess(child.pid!);
  await recordClaudeStarted(root, jobId, runner, claude);
  const ending = await ended;
  const exit = ending.kind === 'exit' ? await buildExitRecord(root, jobId, ending.code, ending.signal) : spawnFailure(String(ending.error));
  // Whatever claude left running in its group (background shells, MCP servers) goes with it.
  await stopProcessGroup(claude, 1000);
  return exit;
}

export async function runJob(root: string, jobId: string, settings: Settings): Promise<void> {
  const runner = await claimJob(root, jobId, describeProcess(process.pid));
  if (!runner) return;
  const record = await readJobRecord(root, jobId);
  let exit: ExitRecord;
  try {
    exit = record.state === 'ok' ? await runClaude(root, jobId, record.value, runner) : spawnFailure(`the job record is unusable: ${record.state === 'invalid' ? record.reason : 'missing'}`);
  } catch (error) {
    exit = spawnFailure(`the runner failed: ${(error as Error).message}`);
  }
  await recordExit(root, jobId, exit);
  await promoteQueue(root, { maxParallel: settings.maxParallel, launch: (next) => launchRunner(root, next) });
}
