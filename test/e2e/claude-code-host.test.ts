// Claude Code as the MCP host: our server registered with `claude mcp add`, reported connected by `claude mcp list`,
// and used by a headless `claude -p` session (the real CLI, its model scripted by the stand-in) to start a child job
// that itself runs the real CLI against the same stand-in.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { routeScripts, toolResults, type ContentBlock } from '../fixtures/messages-api.js';
import { readEvents, useE2eBed, type StreamEvent } from '../helpers/e2e-bed.js';
import { REAL_CLAUDE_BIN } from '../helpers/real-claude.js';
import { readJobInternals, startServer, type Json } from '../helpers/mcp-client.js';
import { registerInClaudeCode } from '../helpers/register-in-claude-code.js';
import { waitFor } from '../helpers/wait-for.js';

const run = promisify(execFile);
const bed = useE2eBed();
const parents: ChildProcess[] = [];

afterEach(() => {
  // The parent leads its own group: its MCP server (our server) goes with it; jobs are the bed's to stop.
  for (const parent of parents.splice(0)) {
    if (parent.pid !== undefined && parent.exitCode === null && parent.signalCode === null) {
      try {
        process.kill(-parent.pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
  }
});

const SERVER = 'claude-async';
const CHILD_JOB = 'child-from-claude-code';
const TOOL_NAMES = ['claude_start', 'claude_check', 'claude_jobs', 'claude_wait', 'claude_run', 'claude_cancel', 'claude_start_batch', 'claude_cleanup'];
const CHILD_ANSWER = 'Child wrote child.txt.';
const PARENT_ANSWER = 'The child job finished and wrote child.txt.';

describe('Claude Code as the host', () => {
  it('registers with `claude mcp add`, shows Connected, and a claude -p session starts and checks a real child job', async () => {
    const tb = await bed.create([]);
    const childFile = path.join(tb.workDir, 'child.txt');
    tb.api.setScript(
      routeScripts([
        {
          // The whole conversation, not the last typed text: the tool search's answer comes as a message of its own.
          match: (request) => JSON.stringify(request.body.messages).includes('PARENT-E2E'),
          turns: [
            // As a model does on first use: load the deferred definitions of all our tools through the tool search.
            { toolUse: { name: 'ToolSearch', input: { query: `select:${TOOL_NAMES.map((name) => `mcp__${SERVER}__${name}`).join(',')}` } } },
            { toolUse: { name: `mcp__${SERVER}__claude_start`, input: { prompt: 'CHILD-E2E: write child.txt', jobId: CHILD_JOB, workFolder: tb.workDir } } },
            // The parent's model takes 3 s to decide to look: by then the child has written its file and thinks on.
            { toolUse: { name: `mcp__${SERVER}__claude_check`, input: { jobId: CHILD_JOB } }, delayMs: 3_000 },
            { toolUse: { name: `mcp__${SERVER}__claude_check`, input: { jobId: CHILD_JOB, waitSeconds: 45 } } },
            { text: PARENT_ANSWER },
          ],
        },
        {
          match: 'CHILD-E2E',
          turns: [
            { text: 'Writing the file.', toolUse: { name: 'Write', input: { file_path: childFile, content: 'written by the child job\n' } } },
            { text: CHILD_ANSWER, delayMs: 6_000 },
          ],
        },
      ]),
    );
    const claudeEnv = tb.claude.env;
    const options = { env: claudeEnv, cwd: tb.workDir, timeout: 30_000 };
    const { registered, entry, stdout } = await registerInClaudeCode(tb, SERVER);
    expect(stdout).toContain(`Added stdio MCP server ${SERVER} with command: ${process.execPath} ${entry} to user config`);
    const config = JSON.parse(readFileSync(path.join(tb.claude.configDir, '.claude.json'), 'utf8')) as { mcpServers: Record<string, Json> };
    expect(config.mcpServers[SERVER]).toEqual({ type: 'stdio', command: process.execPath, args: [entry], env: registered });

    const listed = await run(REAL_CLAUDE_BIN, ['mcp', 'list'], options);
    expect(listed.stdout).toContain(`${SERVER}: ${process.execPath} ${entry} - ✔ Connected`);

    const parent = runParent(tb.workDir, claudeEnv, 'PARENT-E2E: start a child job and wait for it.');
    const code = await waitFor(() => parent.code(), 'the parent claude to exit', 90_000, 100);
    const events = parent.events();
    const result = events.find((event) => event.type === 'result');
    expect({ code, stderr: parent.stderr() }).toEqual({ code: 0, stderr: '' });
    expect(result).toMatchObject({ is_error: false, result: PARENT_ANSWER, num_turns: 5 });
    // The parent saw our server connected and used both tools.
    const init = events.find((event) => event.type === 'system' && event.subtype === 'init');
    expect(init?.mcp_servers).toEqual([{ name: SERVER, status: 'connected', source: 'user' }]);
    expect(init?.tools).toEqual(expect.arrayContaining([`mcp__${SERVER}__claude_start`, `mcp__${SERVER}__claude_check`]));

    // What our tools answered the parent, as the model saw it: Claude Code hands it the structuredContent as compact
    // JSON, and these are the bytes it paid for.
    const parentRequests = tb.api.requests.filter((request) => JSON.stringify(request.body.messages).includes('PARENT-E2E'));
    expect(parentRequests).toHaveLength(5);
    // The definitions the model loaded, as the host sends them to the API.
    const loaded = (parentRequests[1]!.body.tools ?? []).filter((tool) => tool.name.startsWith(`mcp__${SERVER}__`));
    expect(loaded.map((tool) => tool.name).sort()).toEqual(TOOL_NAMES.map((name) => `mcp__${SERVER}__${name}`).sort());
    const definitionBytes = byteLength(JSON.stringify(loaded));
    expect(definitionBytes).toBeLessThan(8.5 * 1024);
    const [startText, pollText, finalText] = [2, 3, 4].map((i) => toolResultText(parentRequests[i]!.body));
    const started = JSON.parse(startText!) as Json;
    expect(started).toMatchObject({ jobId: CHILD_JOB, created: true });
    const poll = JSON.parse(pollText!) as Json;
    expect(poll).toMatchObject({ jobId: CHILD_JOB, status: 'running', turns: 1, tools: ['Write child.txt'], files: ['child.txt'], said: 'Writing the file.' });
    expect(pollText).toBe(JSON.stringify(poll));
    const checked = JSON.parse(finalText!) as Json;
    expect(checked).toMatchObject({ jobId: CHILD_JOB, status: 'completed', result: CHILD_ANSWER, files: ['child.txt'] });
    const { result: answer, ...facts } = checked;
    const bytes = { definitions: definitionBytes, start: byteLength(startText!), poll: byteLength(pollText!), final: byteLength(finalText!), finalFacts: byteLength(JSON.stringify(facts)) };
    expect(bytes.poll).toBeLessThanOrEqual(400);
    expect(bytes.finalFacts).toBeLessThanOrEqual(600);
    expect(bytes.final).toBeLessThanOrEqual(byteLength(String(answer)) + 600 + '"result":"",'.length);
    process.stdout.write(`bytes the parent model received: ${JSON.stringify(bytes)}\n${startText}\n${pollText}\n${finalText}\n`);

    // The child ran the real CLI in its own session and wrote its file.
    expect(readFileSync(childFile, 'utf8')).toBe('written by the child job\n');
    const second = await startServer(tb.serverEnv());
    const child = await second.call('claude_check', { jobId: CHILD_JOB });
    expect(child).toMatchObject({ status: 'completed', result: CHILD_ANSWER, turns: 2, files: ['child.txt'] });
    const childInit = readEvents((await readJobInternals(second, CHILD_JOB)).files.stdout).find((event) => event.type === 'system' && event.subtype === 'init');
    // A job gets no MCP servers of its own (--strict-mcp-config with an empty config).
    expect(childInit?.mcp_servers).toEqual([]);
    expect(child.sessionId).not.toBe(result?.session_id);
    const childRequests = tb.api.requests.filter((request) => request.headers['x-claude-code-session-id'] === child.sessionId);
    expect(childRequests).toHaveLength(2);
  }, 120_000);
});

const byteLength = (text: string) => Buffer.byteLength(text);

function toolResultText(body: Parameters<typeof toolResults>[0]): string {
  return toolResults(body)
    .map((block) => flatten(block.content))
    .join('\n');
}

function flatten(content: string | ContentBlock[] | undefined): string {
  if (content === undefined) return '';
  return typeof content === 'string' ? content : content.map((block) => block.text ?? '').join('\n');
}

interface ParentRun {
  code(): number | undefined;
  events(): StreamEvent[];
  stderr(): string;
}

// Headless: the parent may use our two tools without asking (no --dangerously-skip-permissions needed).
function runParent(cwd: string, env: NodeJS.ProcessEnv, prompt: string): ParentRun {
  const promptFile = path.join(cwd, '..', 'parent-prompt.txt');
  writeFileSync(promptFile, `${prompt}\n`);
  const stdin = openSync(promptFile, 'r');
  const args = ['-p', '--output-format', 'stream-json', '--verbose', `--allowedTools=ToolSearch,mcp__${SERVER}__claude_start,mcp__${SERVER}__claude_check`];
  const child = spawn(REAL_CLAUDE_BIN, args, { cwd, env, stdio: [stdin, 'pipe', 'pipe'], detached: true });
  closeSync(stdin);
  parents.push(child);
  let stdout = '';
  let stderr = '';
  let code: number | undefined;
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.on('close', (exitCode) => (code = exitCode ?? -1));
  return {
    code: () => code,
    events: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as StreamEvent),
    stderr: () => stderr,
  };
}
