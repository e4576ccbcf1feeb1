// The relay as claude meets it: our binary in its relay mode over stdio, driven by the SDK's client. Each call
// becomes a request file and waits for its answer file; unanswered, it is denied at its timeout; a call the client
// gives up on is marked abandoned, so the job does not look as if it still waits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasPendingRequest, listRequests, readRequest, writeAnswer } from '../../src/permissions/request-files.js';
import { CLI_ENTRY } from '../helpers/run-cli.js';
import { waitFor } from '../helpers/wait-for.js';

let jobDir: string;
let client: Client;
let transport: StdioClientTransport;

beforeEach(async () => {
  jobDir = mkdtempSync(path.join(tmpdir(), 'relay-test-'));
  transport = new StdioClientTransport({ command: process.execPath, args: [CLI_ENTRY, 'permission-relay', jobDir, '--timeout', '2'], stderr: 'pipe' });
  client = new Client({ name: 'relay-test', version: '1.0.0' });
  await client.connect(transport);
});

afterEach(async () => {
  const pid = transport.pid;
  await client.close().catch(() => undefined);
  if (pid) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Exited on close.
    }
  }
  rmSync(jobDir, { recursive: true, force: true });
});

function ask(input: Record<string, unknown>, options: { signal?: AbortSignal } = {}) {
  return client.callTool({ name: 'approve', arguments: { tool_name: 'Bash', input, tool_use_id: 'toolu_1' } }, options);
}

function textOf(result: Awaited<ReturnType<typeof ask>>): unknown {
  return JSON.parse((result.content as Array<{ text: string }>)[0]!.text);
}

describe('the permission relay', () => {
  it('offers one tool, records each call as a request and answers with the caller\'s decision', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['approve']);

    const allowed = ask({ command: 'npm test' });
    const request = await waitFor(async () => (await listRequests(jobDir))[0], 'the request file');
    expect(request.request).toMatchObject({ requestId: 'perm-1', kind: 'permission', tool: 'Bash', input: { command: 'npm test' }, toolUseId: 'toolu_1' });
    expect(hasPendingRequest(jobDir)).toBe(true);
    await writeAnswer(jobDir, 'perm-1', { allow: true, answeredAt: new Date().toISOString(), by: 'caller' });
    expect(textOf(await allowed)).toEqual({ behavior: 'allow', updatedInput: { command: 'npm test' } });
    expect(hasPendingRequest(jobDir)).toBe(false);

    const changed = ask({ command: 'rm -rf build' });
    await waitFor(async () => (await readRequest(jobDir, 'perm-2')) ?? undefined, 'the second request');
    await writeAnswer(jobDir, 'perm-2', { allow: true, updatedInput: { command: 'rm -rf build/tmp' }, answeredAt: new Date().toISOString(), by: 'caller' });
    expect(textOf(await changed)).toEqual({ behavior: 'allow', updatedInput: { command: 'rm -rf build/tmp' } });

    const denied = ask({ command: 'curl example.com' });
    await waitFor(async () => (await readRequest(jobDir, 'perm-3')) ?? undefined, 'the third request');
    await writeAnswer(jobDir, 'perm-3', { allow: false, message: 'No network.', answeredAt: new Date().toISOString(), by: 'caller' });
    expect(textOf(await denied)).toEqual({ behavior: 'deny', message: 'No network.' });
  });

  it('denies a request nobody answers at its timeout, and records that answer', async () => {
    const started = Date.now();
    const result = textOf(await ask({ command: 'make' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(result).toEqual({ behavior: 'deny', message: expect.stringMatching(/^Nobody answered this permission request within 2 s, so it was denied\./) });
    expect((await readRequest(jobDir, 'perm-1'))?.answer).toMatchObject({ allow: false, by: 'timeout' });
  });

  it('marks a request abandoned when the client stops waiting for it', async () => {
    const stop = new AbortController();
    const call = ask({ command: 'sleep 1' }, { signal: stop.signal }).catch((error: Error) => error);
    await waitFor(async () => (await readRequest(jobDir, 'perm-1')) ?? undefined, 'the request');
    stop.abort();
    expect(await call).toBeInstanceOf(Error);
    const answered = await waitFor(async () => (await readRequest(jobDir, 'perm-1'))?.answer, 'the abandoned mark');
    expect(answered).toMatchObject({ allow: false, by: 'abandoned' });
    expect(hasPendingRequest(jobDir)).toBe(false);
  });
});
