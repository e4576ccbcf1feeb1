#!/usr/bin/env node
// A stand-in for the claude CLI that needs no model: it speaks claude's headless stream-json and obeys directives
// in its prompt, so --selftest and the plumbing tests can run real jobs anywhere.
//   @sleep MS          wait before answering          @exit CODE       exit with CODE
//   @stderr TEXT       print TEXT on stderr           @bytes N         print N bytes of filler output
//   @child             leave a `sleep 300` in our process group
//   @orphan            leave a `sleep 300` whose parent exits at once (reparented, still in our group)
//   @escape            leave a `sleep 300` in a session of its own whose parent exits at once (as Bash tools run)
//   @tool NAME JSON    report a tool call (as claude's stream-json does) with that input
//   @ticks N MS        print N assistant messages, MS apart
//   @pace MS           spread the @bytes output over MS milliseconds, as a working claude would
//   @env A,B           report these environment variables in the init event (`env`)
//   @stamps FILE       append `start|end <job id> <ms>` lines to FILE as it starts and ends
//   @daemon FILE       leave a `sleep 300` in a session of its own with an emptied environment; its pid goes to FILE
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

interface Directives {
  sleepMs: number;
  exitCode: number;
  stderr: string[];
  bytes: number;
  child: boolean;
  orphan: boolean;
  escape: boolean;
  tools: Array<{ name: string; input: unknown }>;
  ticks: { count: number; ms: number };
  paceMs: number;
  env: string[];
  stamps?: string;
  daemon?: string;
}

function readDirectives(prompt: string): Directives {
  const directives: Directives = { sleepMs: 0, exitCode: 0, stderr: [], bytes: 0, child: false, orphan: false, escape: false, tools: [], ticks: { count: 0, ms: 0 }, paceMs: 0, env: [] };
  for (const line of prompt.split('\n')) {
    const [word, ...rest] = line.trim().split(' ');
    const value = rest.join(' ');
    if (word === '@sleep') directives.sleepMs = Number(value);
    else if (word === '@exit') directives.exitCode = Number(value);
    else if (word === '@stderr') directives.stderr.push(value);
    else if (word === '@bytes') directives.bytes = Number(value);
    else if (word === '@child') directives.child = true;
    else if (word === '@orphan') directives.orphan = true;
    else if (word === '@escape') directives.escape = true;
    else if (word === '@tool') directives.tools.push({ name: rest[0] ?? 'Tool', input: JSON.parse(rest.slice(1).join(' ') || '{}') });
    else if (word === '@pace') directives.paceMs = Number(value);
    else if (word === '@ticks') directives.ticks = { count: Number(rest[0]), ms: Number(rest[1]) };
    else if (word === '@env') directives.env = value.split(',');
    else if (word === '@stamps') directives.stamps = value;
    else if (word === '@daemon') directives.daemon = value;
  }
  return directives;
}

// Synchronous writes keep events and filler in order; a job's stdout is a file, so they never block for long.
function emit(event: Record<string, unknown>): void {
  writeSync(1, `${JSON.stringify(event)}\n`);
}

async function writeFiller(bytes: number, paceMs: number): Promise<void> {
  const line = `${'x'.repeat(1023)}\n`;
  const block = line.repeat(1024);
  const blocks = Math.floor(bytes / block.length);
  const started = Date.now();
  for (let i = 0; i < blocks; i += 1) {
    writeSync(1, block);
    const due = started + (paceMs * (i + 1)) / blocks;
    if (due > Date.now()) await sleep(due - Date.now());
  }
  writeSync(1, line.repeat(Math.floor((bytes - blocks * block.length) / line.length)));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (!args.includes('-p') || !args.includes('--verbose') || args[args.indexOf('--output-format') + 1] !== 'stream-json') {
    process.stderr.write('Error: stand-in claude expects -p --output-format stream-json --verbose\n');
    process.exit(1);
  }
  const prompt = readFileSync(0, 'utf8');
  const directives = readDirectives(prompt);
  // Like claude: resuming keeps the session id unless the session is forked.
  const resumed = args.includes('--resume') && !args.includes('--fork-session') ? args[args.indexOf('--resume') + 1] : undefined;
  const sessionId = resumed ?? randomUUID();
  const modelIndex = args.indexOf('--model');
  emit({
    type: 'system',
    subtype: 'init',
    session_id: sessionId,
    cwd: process.cwd(),
    model: modelIndex >= 0 ? args[modelIndex + 1] : 'stand-in',
    tools: [],
    args,
    depth: process.env.CLAUDE_ASYNC_DEPTH,
    inheritedClaudeVariables: Object.keys(process.env).filter((key) => key === 'CLAUDECODE' || key.startsWith('CLAUDE_CODE_')),
    env: Object.fromEntries(directives.env.map((name) => [name, process.env[name] ?? null])),
  });
  const stamp = (what: string) => directives.stamps && appendFileSync(directives.stamps, `${what} ${process.env.CLAUDE_ASYNC_JOB_ID} ${Date.now()}\n`);
  stamp('start');
  if (directives.daemon) spawn('sh', ['-c', `setsid env -i sleep 300 & echo $! > '${directives.daemon}'`], { stdio: 'ignore' }).unref();
  if (directives.child) spawn('sleep', ['300'], { stdio: 'ignore' }).unref();
  if (directives.orphan) spawn('sh', ['-c', 'sleep 300 &'], { stdio: 'ignore' }).unref();
  if (directives.escape) spawn('sh', ['-c', 'setsid sleep 300 &'], { stdio: 'ignore' }).unref();
  for (const text of directives.stderr) process.stderr.write(`${text}\n`);
  for (const [i, tool] of directives.tools.entries()) {
    const id = `toolu_${i}`;
    emit({ type: 'assistant', session_id: sessionId, message: { role: 'assistant', content: [{ type: 'tool_use', id, name: tool.name, input: tool.input }] } });
    emit({ type: 'user', session_id: sessionId, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }] } });
  }
  for (let i = 1; i <= directives.ticks.count; i += 1) {
    await sleep(directives.ticks.ms);
    emit({ type: 'assistant', session_id: sessionId, message: { role: 'assistant', content: [{ type: 'text', text: `tick ${i}` }] } });
  }
  if (directives.sleepMs > 0) await sleep(directives.sleepMs);
  if (directives.bytes > 0) await writeFiller(directives.bytes, directives.paceMs);
  const digest = createHash('sha256').update(prompt).digest('hex');
  const answer = `prompt sha256 ${digest} bytes ${Buffer.byteLength(prompt)}`;
  emit({ type: 'assistant', session_id: sessionId, message: { role: 'assistant', content: [{ type: 'text', text: answer }] } });
  const failed = directives.exitCode !== 0;
  emit({
    type: 'result',
    subtype: failed ? 'error_during_execution' : 'success',
    is_error: failed,
    result: failed ? `stand-in failure with exit code ${directives.exitCode}` : answer,
    session_id: sessionId,
    num_turns: 1,
    total_cost_usd: 0.0012,
    duration_ms: directives.sleepMs,
  });
  stamp('end');
  process.exitCode = directives.exitCode;
}

await main();
