// Bad input gets a clear refusal naming what was wrong and what is accepted; the server stays up and writes nothing.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { makeTestRoot, type TestRoot } from '../helpers/job-root.js';
import { callRaw, closeServers, startServer } from '../helpers/mcp-client.js';

let root: TestRoot;
let server: McpSession;

beforeAll(async () => {
  root = makeTestRoot();
  writeFileSync(path.join(root.dir, 'a-file'), 'not a directory');
  server = await startServer(root.env());
});

afterAll(async () => {
  await closeServers();
  await root.cleanup();
});

const cases: Array<[string, string, Record<string, unknown>, string]> = [
  ['empty prompt', 'claude_start', { prompt: '' }, 'prompt must not be empty'],
  ['numeric prompt', 'claude_start', { prompt: 42 }, 'prompt must be a string'],
  ['missing prompt', 'claude_start', {}, 'prompt must be a string'],
  ['null prompt', 'claude_start', { prompt: null }, 'prompt must be a string'],
  ['relative workFolder', 'claude_start', { prompt: 'x', workFolder: 'src' }, 'workFolder must be an absolute path'],
  ['missing workFolder', 'claude_start', { prompt: 'x', workFolder: '/no/such/dir' }, "workFolder '/no/such/dir' does not exist"],
  ['file as workFolder', 'claude_start', { prompt: 'x', workFolder: '__FILE__' }, 'is a file, not a directory'],
  ['jobId escaping with ..', 'claude_start', { prompt: 'x', jobId: '../../etc' }, 'jobId must be 1-64 characters'],
  ['jobId with slash', 'claude_start', { prompt: 'x', jobId: 'a/b' }, 'jobId must be 1-64 characters'],
  ['jobId starting with a dot', 'claude_start', { prompt: 'x', jobId: '.hidden' }, 'jobId must be 1-64 characters'],
  ['jobId too long', 'claude_start', { prompt: 'x', jobId: 'a'.repeat(65) }, 'jobId must be 1-64 characters'],
  ['jobId with NUL', 'claude_start', { prompt: 'x', jobId: 'a\u0000b' }, 'jobId must be 1-64 characters'],
  ['model with shell characters', 'claude_start', { prompt: 'x', model: 'sonnet; rm -rf ~' }, 'shell characters are not accepted'],
  ['model with $()', 'claude_start', { prompt: 'x', model: '$(id)' }, 'model must be an alias'],
  ['model that is a flag', 'claude_start', { prompt: 'x', model: '--help' }, 'model must be an alias'],
  ['skipPermissions as a string', 'claude_start', { prompt: 'x', skipPermissions: 'yes' }, 'skipPermissions must be true or false'],
  ['unknown field', 'claude_start', { prompt: 'x', workDir: '/tmp' }, 'Unrecognized key'],
  ['check without jobId', 'claude_check', {}, 'jobId must be a string'],
  ['check with traversal jobId', 'claude_check', { jobId: '..' }, 'jobId must be 1-64 characters'],
  ['negative tailBytes', 'claude_check', { jobId: 'a', tailBytes: -1 }, 'tailBytes must be 0 or more'],
  ['non-numeric tailBytes', 'claude_check', { jobId: 'a', tailBytes: 'ten' }, 'tailBytes must be a number'],
  ['fractional tailBytes', 'claude_check', { jobId: 'a', tailBytes: 1.5 }, 'tailBytes must be a whole number'],
  ['huge tailBytes', 'claude_check', { jobId: 'a', tailBytes: 1e12 }, 'tailBytes must be at most'],
  ['unknown status filter', 'claude_jobs', { status: 'done' }, 'status'],
  ['zero limit', 'claude_jobs', { limit: 0 }, 'limit must be at least 1'],
];

describe('bad input', () => {
  it.each(cases)('%s is refused clearly', async (_, tool, args, expected) => {
    const input = { ...args };
    if (input.workFolder === '__FILE__') input.workFolder = path.join(root.dir, 'a-file');
    const answer = await callRaw(server, tool, input);
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain(expected);
  });

  it('left the server answering and wrote no job and nothing outside the job directory', async () => {
    const listing = await server.call('claude_jobs', {});
    expect(listing.total).toBe(0);
    expect(readdirSync(root.dir).sort()).toEqual(['a-file', 'jobs']);
  });
});
