// `claude-async run "prompt"`: starts a job from a terminal through the same path as claude_start; with --wait it
// follows the job like `logs -f` and exits with the job's outcome.
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasEnded, inspectJob, jobOutputPaths, summarizeJob, type JobStatus } from '../../jobs/index.js';
import { readSettings } from '../../settings.js';
import { CliError } from '../cli-error.js';
import { pickColors } from '../pick-colors.js';
import { printTranscript } from '../print-transcript.js';

const FOLLOW_INTERVAL_MS = 250;

interface RunOptions {
  folder?: string;
  model?: string;
  timeout?: number;
  maxTurns?: number;
  resume?: string;
  jobId?: string;
  skipPermissions: boolean;
  wait?: boolean;
  json?: boolean;
}

// The exit code of `run --wait`: 0 only for completed; timed_out and cancelled as timeout(1) and Ctrl-C would say.
const EXIT_CODES: Record<JobStatus, number> = { completed: 0, failed: 1, orphaned: 1, unknown: 1, timed_out: 124, cancelled: 130, queued: 1, running: 1, input_required: 1 };

function parseWhole(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got '${raw}'.`);
  return value;
}

export function runCommand(): Command {
  return new Command('run')
    .description('start a job from the terminal and print its id; --wait follows it to the end')
    .argument('<prompt>', "the task for Claude Code, as you would type it; '-' reads it from standard input")
    .option('--folder <dir>', 'the folder claude works in (default: CLAUDE_ASYNC_DEFAULT_CWD, else your home)')
    .option('--model <model>', 'claude --model, e.g. sonnet or opus')
    .option('--timeout <seconds>', 'stop the job after this many seconds (status timed_out)', parseWhole)
    .option('--max-turns <n>', 'stop after this many agentic turns', parseWhole)
    .option('--resume <jobId>', "continue the claude session of an earlier job")
    .option('--job-id <id>', 'your own id for the job (the same id and prompt again return the same job)')
    .option('--no-skip-permissions', 'do not pass --dangerously-skip-permissions to claude')
    .option('--wait', "print the job's transcript as it runs and exit with its outcome (0 completed, 1 failed, 124 timed_out, 130 cancelled)")
    .option('--json', 'print JSON instead: the started job, or with --wait the finished one')
    .action(async (prompt: string, options: RunOptions) => {
      const started = await startFromTerminal(prompt === '-' ? readFileSync(0, 'utf8') : prompt, options);
      if (!options.wait) {
        process.stdout.write(options.json ? `${JSON.stringify(started)}\n` : `${started.jobId}\n`);
        if (!options.json) process.stderr.write(`${started.status} in ${started.workFolder}; follow it with: claude-async logs -f ${started.jobId}\n`);
        return;
      }
      process.exitCode = await followToEnd(readSettings().jobDir, started.jobId, options.json === true);
    });
}

async function startFromTerminal(prompt: string, options: RunOptions): Promise<{ jobId: string; status: JobStatus; workFolder: string }> {
  // Loaded here: only this command needs the server's start path (and the MCP SDK behind it).
  const [{ createContext }, { startWorker }, { prepareJob }, { startJob }, { StartInputSchema }] = await Promise.all([
    import('../../server/serve.js'),
    import('../../runner/launch.js'),
    import('../../server/job-input.js'),
    import('../../server/start-job.js'),
    import('../../server/tools/claude-start.js'),
  ]);
  const input = StartInputSchema.safeParse({
    prompt,
    workFolder: options.folder === undefined ? undefined : path.resolve(options.folder),
    model: options.model,
    timeoutSeconds: options.timeout,
    maxTurns: options.maxTurns,
    resumeJobId: options.resume,
    jobId: options.jobId,
    skipPermissions: options.skipPermissions,
  });
  if (!input.success) throw refuse(input.error.issues.map((issue) => issue.message).join('; '));
  const settings = readSettings();
  // One worker for this job; no spare is kept, since this process ends right after.
  const context = { ...createContext(settings), wakeWorkers: () => void startWorker(settings.jobDir) };
  const job = await prepareJob(context, input.data);
  if (typeof job === 'string') throw refuse(job);
  const started = await startJob(context, job);
  if (typeof started === 'string') throw refuse(started);
  return started;
}

// The start path speaks of tool parameters; a person at the terminal typed options.
const OPTION_NAMES: Record<string, string> = { workFolder: '--folder', timeoutSeconds: '--timeout', maxTurns: '--max-turns', resumeJobId: '--resume', jobId: '--job-id', claude_jobs: 'claude-async jobs' };

function refuse(message: string): CliError {
  return new CliError(message.replace(/\b(workFolder|timeoutSeconds|maxTurns|resumeJobId|jobId|claude_jobs)\b/g, (name) => OPTION_NAMES[name] ?? name));
}

async function followToEnd(root: string, jobId: string, json: boolean): Promise<number> {
  const ended = async () => hasEnded((await inspectJob(root, jobId)).status);
  if (json) while (!(await ended())) await sleep(FOLLOW_INTERVAL_MS);
  else {
    process.stderr.write(`job ${jobId} started; Ctrl-C stops following, not the job\n`);
    await printTranscript(jobOutputPaths(root, jobId).stdout, pickColors(), { hasEnded: ended, intervalMs: FOLLOW_INTERVAL_MS });
  }
  const snapshot = await inspectJob(root, jobId);
  const summary = await summarizeJob(root, snapshot);
  if (json) process.stdout.write(`${JSON.stringify({ ...summary, ...(snapshot.exit?.result ? { result: snapshot.exit.result } : {}) })}\n`);
  else process.stdout.write(`${jobId} ${summary.status}${summary.reason ? `: ${summary.reason}` : ''}\n`);
  return EXIT_CODES[summary.status];
}
