// The server's own log over a real stdio session: its start, each tool call with duration and outcome, its stop.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../../src/version.js';
import { callRaw, closeServers, startServer } from '../helpers/mcp-client.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();

describe('server log', () => {
  it('records the start, every tool call with its name, duration and outcome, and the stop', async () => {
    const server = await startServer(root.current.env());
    await server.call('claude_jobs', {});
    await callRaw(server, 'claude_check', { jobId: '../escape' });
    await callRaw(server, 'no_such_tool', {}).catch(() => undefined);
    await closeServers();

    const file = path.join(root.current.jobDir, 'server.log');
    const lines = await waitFor(() => {
      const text = readFileSync(file, 'utf8');
      return text.includes('] stop: ') ? text.trimEnd().split('\n').map((line) => line.replace(/^\S+ \[\d+\] /, '')) : undefined;
    }, 'the server to log its stop');
    expect(lines[0]).toBe(`start claude-async ${PACKAGE_VERSION} node ${process.version} jobDir=${root.current.jobDir} defaultCwd=${root.current.dir} maxParallel=4`);
    expect(lines[1]).toMatch(/^tool claude_jobs \d+ ms ok$/);
    expect(lines[2]).toMatch(/^tool claude_check \d+ ms isError: .*jobId must be 1-64 characters/);
    expect(lines[3]).toMatch(/^tool no_such_tool \d+ ms (error -32602: |isError: ).*no_such_tool/);
    expect(lines.at(-1)).toBe('stop: the connection closed');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
