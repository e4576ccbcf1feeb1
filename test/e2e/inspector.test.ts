// The MCP Inspector's CLI mode against our built server: it lists our tools and calls claude_start and claude_check,
// offline, with the server's settings given as the Inspector's -e flags.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STAND_IN_CLAUDE } from '../helpers/job-root.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { distPath, findPackageRoot } from '../../src/package-root.js';

const INSPECTOR = path.join(findPackageRoot(), 'node_modules', '.bin', 'mcp-inspector');
const DEADLINE_MS = 30_000;

const root = useTestRoot();
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
  }
});

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

// `mcp-inspector --cli <command> <args...> -e KEY=VALUE ... --method <method> [--tool-name T --tool-arg k=v ...]`.
function inspect(settings: Record<string, string>, methodArgs: string[]): Promise<Outcome> {
  const envFlags = Object.entries(settings).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  const args = ['--cli', process.execPath, distPath('src', 'cli', 'main.js'), ...envFlags, ...methodArgs];
  // The Inspector hands the server its own environment plus the -e values; ours carries no claude-async settings.
  const env = root.current.env();
  for (const key of Object.keys(settings)) delete env[key];
  const child = spawn(INSPECTOR, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mcp-inspector ${methodArgs.join(' ')} did not finish within ${DEADLINE_MS} ms; stderr: ${stderr}`)), DEADLINE_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function parseJson(outcome: Outcome): Record<string, unknown> {
  expect(outcome).toMatchObject({ code: 0 });
  return JSON.parse(outcome.stdout) as Record<string, unknown>;
}

describe('MCP Inspector CLI', () => {
  it('lists our tools, starts a job with claude_start and follows it with claude_check', async () => {
    const settings = { CLAUDE_ASYNC_JOB_DIR: root.current.jobDir, CLAUDE_ASYNC_DEFAULT_CWD: root.current.dir, CLAUDE_CLI_PATH: STAND_IN_CLAUDE };

    const listed = parseJson(await inspect(settings, ['--method', 'tools/list']));
    const tools = listed.tools as { name: string; inputSchema: { properties: Record<string, unknown> }; outputSchema?: unknown }[];
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        'claude_board',
        'claude_board_jobs',
        'claude_board_transcript',
        'claude_cancel',
        'claude_check',
        'claude_cleanup',
        'claude_jobs',
        'claude_respond',
        'claude_run',
        'claude_start',
        'claude_start_batch',
        'claude_wait',
      ].sort(),
    );
    const start = tools.find((tool) => tool.name === 'claude_start')!;
    expect(Object.keys(start.inputSchema.properties)).toEqual(expect.arrayContaining(['prompt', 'workFolder', 'jobId', 'resumeJobId', 'timeoutSeconds']));
    expect(start.outputSchema).toBeDefined();

    const prompt = 'inspector says hello = with an equals sign';
    const startArgs = ['--method', 'tools/call', '--tool-name', 'claude_start', '--tool-arg', `prompt=${prompt}`, 'jobId=from-inspector'];
    const startedJob = parseJson(await inspect(settings, startArgs));
    expect(startedJob.isError).toBeUndefined();
    expect(startedJob.structuredContent).toMatchObject({ jobId: 'from-inspector', created: true });
    // Answered once recorded: the launch follows the answer.
    expect(startedJob.structuredContent).toMatchObject({ status: 'queued' });

    // waitSeconds arrives as a number: the Inspector converts --tool-arg values by the tool's input schema.
    const checkArgs = ['--method', 'tools/call', '--tool-name', 'claude_check', '--tool-arg', 'jobId=from-inspector', 'waitSeconds=20'];
    const checked = parseJson(await inspect(settings, checkArgs));
    expect(checked.structuredContent).toMatchObject({ jobId: 'from-inspector', status: 'completed', result: expect.stringContaining(`bytes ${Buffer.byteLength(prompt)}`) });
    // The text is claude's answer, then one line of the other facts.
    const text = (checked.content as { type: string; text: string }[])[0]!;
    const { result, ...facts } = checked.structuredContent as Record<string, unknown>;
    expect(text.text).toBe(`${String(result)}\n\n[claude-async job from-inspector completed ${JSON.stringify({ ...facts, jobId: undefined, status: undefined })}]`);

    const refused = parseJson(await inspect(settings, ['--method', 'tools/call', '--tool-name', 'claude_check', '--tool-arg', 'jobId=from-inspector', 'waitSeconds=99']));
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain('waitSeconds must be at most 50');
  });
});
