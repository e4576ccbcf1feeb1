#!/usr/bin/env node
// A stand-in for the claude CLI that needs no model: it speaks claude's headless stream-json and obeys directives
// in its prompt, so --selftest and the plumbing tests can run real jobs anywhere.
//   @sleep MS          wait before answering          @exit CODE       exit with CODE
//   @stderr TEXT       print TEXT on stderr           @bytes N         print N bytes of filler output
//   @child             leave a `sleep 300` in our process group     @fail-init  exit 1 before any output
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

interface Directives {
  sleepMs: number;
  exitCode: number;
  stderr: string[];
  bytes: number;
  child: boolean;
}

function readDirectives(prompt: string): Directives {
  const directives: Directives = { sleepMs: 0, exitCode: 0, stderr: [], bytes: 0, child: false };
  for (const line of prompt.split('\n')) {
    const [word, ...rest] = line.trim().split(' ');
    const value = rest.join(' ');
    if (word === '@sleep') directives.sleepMs = Number(value);
    else if (word === '@exit') directives.exitCode = Number(value);
    else if (word === '@stderr') directives.stderr.push(value);
    else if (word === '@bytes') directives.bytes = Number(value);
    else if (word === '@child') directives.child = true;
  }
  return directives;
}

function emit(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function writeFiller(bytes: number): void {
  const line = `${'x'.repeat(1023)}\n`;
  const block = line.repeat(1024);
  let left = bytes;
  while (left >= block.length) {
    process.stdout.write(block);
    left -= block.length;
  }
  while (left >= line.length) {
    process.stdout.write(line);
    left -= line.length;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (!args.includes('-p') || !args.includes('--verbose') || args[args.indexOf('--output-format') + 1] !== 'stream-json') {
    process.stderr.write('Error: stand-in claude expects -p --output-format stream-json --verbose\n');
    process.exit(1);
  }
  const prompt = readFileSync(0, 'utf8');
  const directives = readDirectives(prompt);
  const sessionId = randomUUID();
  const modelIndex = args.indexOf('--model');
  emit({
    type: 'system',
    subtype: 'init',
    session_id: sessionId,
    cwd: process.cwd(),
    model: modelIndex >= 0 ? args[modelIndex + 1] : 'stand-in',
    tools: [],
    args,
    inheritedClaudeVariables: Object.keys(process.env).filter((key) => key === 'CLAUDECODE' || key.startsWith('CLAUDE_CODE_')),
  });
  if (directives.child) spawn('sleep', ['300'], { stdio: 'ignore' }).unref();
  for (const text of directives.stderr) process.stderr.write(`${text}\n`);
  if (directives.sleepMs > 0) await sleep(directives.sleepMs);
  if (directives.bytes > 0) writeFiller(directives.bytes);
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
  process.exitCode = directives.exitCode;
}

await main();
