// Bad input gets a clear refusal naming what was wrong and what is accepted, over every tool and parameter: wrong
// types, sizes, encodings, path tricks, control characters, huge numbers, unknown fields. The server stays up and
// writes nothing.
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

const huge = 1e308;

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
  // claude_start: the task
  ['prompt as a list', 'claude_start', { prompt: ['do', 'it'] }, 'prompt must be a string'],
  ['prompt as an object', 'claude_start', { prompt: { text: 'x' } }, 'prompt must be a string'],
  ['prompt as a boolean', 'claude_start', { prompt: true }, 'prompt must be a string'],
  ['workFolder as null', 'claude_start', { prompt: 'x', workFolder: null }, 'workFolder must be a string'],
  ['workFolder as a number', 'claude_start', { prompt: 'x', workFolder: 7 }, 'workFolder must be a string'],
  ['workFolder with a tilde', 'claude_start', { prompt: 'x', workFolder: '~/project' }, 'workFolder must be an absolute path'],
  ['workFolder as a Windows path', 'claude_start', { prompt: 'x', workFolder: 'C:\\project' }, 'workFolder must be an absolute path'],
  ['workFolder with a NUL byte', 'claude_start', { prompt: 'x', workFolder: '/tmp\u0000/x' }, 'does not exist'],
  ['workFolder escaping to nowhere', 'claude_start', { prompt: 'x', workFolder: '/no/such/../../no-such-either' }, 'does not exist'],
  ['jobId as a number', 'claude_start', { prompt: 'x', jobId: 42 }, 'jobId must be a string'],
  ['empty jobId', 'claude_start', { prompt: 'x', jobId: '' }, 'jobId must be 1-64 characters'],
  ['jobId with a newline', 'claude_start', { prompt: 'x', jobId: 'a\nb' }, 'jobId must be 1-64 characters'],
  ['jobId with a space', 'claude_start', { prompt: 'x', jobId: 'a b' }, 'jobId must be 1-64 characters'],
  ['jobId with non-ASCII letters', 'claude_start', { prompt: 'x', jobId: 'jöb' }, 'jobId must be 1-64 characters'],
  ['jobId that looks like a flag', 'claude_start', { prompt: 'x', jobId: '-rf' }, 'jobId must be 1-64 characters'],
  ['jobId percent-encoded traversal', 'claude_start', { prompt: 'x', jobId: '%2e%2e%2fetc' }, 'jobId must be 1-64 characters'],
  ['jobId with a backslash', 'claude_start', { prompt: 'x', jobId: 'a\\..\\b' }, 'jobId must be 1-64 characters'],
  // claude_start: claude's options
  ['model as a number', 'claude_start', { prompt: 'x', model: 4 }, 'model must be a string'],
  ['model with a newline', 'claude_start', { prompt: 'x', model: 'sonnet\n--help' }, 'model must be an alias'],
  ['model with a look-alike letter', 'claude_start', { prompt: 'x', model: 'sonn\u0435t' }, 'model must be an alias'],
  ['model 200 characters long', 'claude_start', { prompt: 'x', model: 'a'.repeat(200) }, 'model must be an alias'],
  ['skipPermissions as 1', 'claude_start', { prompt: 'x', skipPermissions: 1 }, 'skipPermissions must be true or false'],
  ['skipPermissions as "true"', 'claude_start', { prompt: 'x', skipPermissions: 'true' }, 'skipPermissions must be true or false'],
  ['unknown permissionMode', 'claude_start', { prompt: 'x', permissionMode: 'yolo' }, 'permissionMode must be one of'],
  ['allowedTools as a string', 'claude_start', { prompt: 'x', allowedTools: 'Edit' }, 'allowedTools must be a list of tool rules'],
  ['allowedTools rule with a newline', 'claude_start', { prompt: 'x', allowedTools: ['Edit\n--x'] }, 'must be one line'],
  ['maxTurns of 0', 'claude_start', { prompt: 'x', maxTurns: 0 }, 'maxTurns must be at least 1'],
  ['maxTurns of 1e308', 'claude_start', { prompt: 'x', maxTurns: huge }, 'maxTurns must be'],
  ['negative maxBudgetUsd', 'claude_start', { prompt: 'x', maxBudgetUsd: -1 }, 'maxBudgetUsd must be more than 0'],
  ['fractional timeoutSeconds', 'claude_start', { prompt: 'x', timeoutSeconds: 1.5 }, 'timeoutSeconds must be a whole number'],
  ['timeoutSeconds past a week', 'claude_start', { prompt: 'x', timeoutSeconds: 1e9 }, 'timeoutSeconds must be at most 604800'],
  ['relative addDirs entry', 'claude_start', { prompt: 'x', addDirs: ['src'] }, 'addDirs must be an absolute path'],
  ['addDirs entry that is a file', 'claude_start', { prompt: 'x', addDirs: ['__FILE__'] }, 'is a file, not a directory'],
  ['unknown effort', 'claude_start', { prompt: 'x', effort: 'extreme' }, 'effort must be one of'],
  ['mcpConfig that is broken JSON', 'claude_start', { prompt: 'x', mcpConfig: '{"mcpServers":' }, 'mcpConfig is not valid JSON'],
  ['mcpConfig as a relative path', 'claude_start', { prompt: 'x', mcpConfig: '../mcp.json' }, 'mcpConfig must be a JSON object'],
  ['sessionId too short', 'claude_start', { prompt: 'x', sessionId: 'abc' }, 'sessionId must be a claude session id'],
  ['fork with nothing to resume', 'claude_start', { prompt: 'x', fork: true }, 'fork needs resumeJobId or sessionId'],
  ['resumeJobId of no job', 'claude_start', { prompt: 'x', resumeJobId: 'no-such-job' }, "resumeJobId 'no-such-job' is not a known job"],
  ['unknown field "constructor"', 'claude_start', { prompt: 'x', constructor: {} }, 'Unrecognized key'],
  ['misspelt field "Prompt"', 'claude_start', { Prompt: 'x' }, 'prompt must be a string'],
  // claude_check
  ['check with jobId as a list', 'claude_check', { jobId: ['a'] }, 'jobId must be a string'],
  ['check with a 65-character jobId', 'claude_check', { jobId: 'a'.repeat(65) }, 'jobId must be 1-64 characters'],
  ['check with tailBytes as null', 'claude_check', { jobId: 'a', tailBytes: null }, 'tailBytes must be a number'],
  ['check with tailBytes as a string', 'claude_check', { jobId: 'a', tailBytes: '100' }, 'tailBytes must be a number'],
  ['check with negative sinceOffset', 'claude_check', { jobId: 'a', sinceOffset: -5 }, 'sinceOffset must be 0 or more'],
  ['check with sinceOffset 1e308', 'claude_check', { jobId: 'a', sinceOffset: huge }, 'sinceOffset must be a whole number'],
  ['check with an unknown field', 'claude_check', { jobId: 'a', tail: 10 }, 'Unrecognized key'],
  ['check with an unknown output', 'claude_check', { jobId: 'a', output: 'everything' }, 'output must be one of: none, transcript, raw, result'],
  ['run with an unknown field', 'claude_run', { prompt: 'x', tail: 10 }, 'Unrecognized key'],
  ['run with a bad model', 'claude_run', { prompt: 'x', model: 'a b' }, 'shell characters are not accepted'],
  ['batch task with an unknown field', 'claude_start_batch', { tasks: [{ prompt: 'x', colour: 'red' }] }, 'Unrecognized key'],
  ['batch task with an empty prompt', 'claude_start_batch', { tasks: [{ prompt: '' }] }, 'prompt must not be empty'],
  ['batch with a bad shared option', 'claude_start_batch', { tasks: [{ prompt: 'x' }], maxTurns: 0 }, 'maxTurns must be at least 1'],
  ['batch with a prompt among the shared options', 'claude_start_batch', { tasks: [{ prompt: 'x' }], prompt: 'y' }, 'Unrecognized key'],
  // claude_jobs
  ['jobs with status in capitals', 'claude_jobs', { status: 'RUNNING' }, 'status'],
  ['jobs with status as a number', 'claude_jobs', { status: 42 }, 'status'],
  ['jobs with limit over 1000', 'claude_jobs', { limit: 1001 }, 'limit must be at most 1000'],
  ['jobs with limit as a string', 'claude_jobs', { limit: '10' }, 'limit must be a number'],
  ['jobs with fractional limit', 'claude_jobs', { limit: 2.5 }, 'limit must be a whole number'],
  ['jobs with an unknown field', 'claude_jobs', { offset: 10 }, 'Unrecognized key'],
  // the other tools
  ['cancel without jobId', 'claude_cancel', {}, 'jobId must be a string'],
  ['cancel waiting too long', 'claude_cancel', { jobId: 'a', waitSeconds: 51 }, 'waitSeconds must be at most 50'],
  ['wait for no jobs', 'claude_wait', { jobIds: [] }, 'jobIds must name at least one job'],
  ['wait in an unknown mode', 'claude_wait', { jobIds: ['a'], mode: 'some' }, 'mode must be "any" or "all"'],
  ['cleanup of running jobs', 'claude_cleanup', { status: 'running' }, 'status must be a finished status'],
  ['cleanup with negative hours', 'claude_cleanup', { olderThanHours: -1 }, 'olderThanHours must be 0 or more'],
  ['batch without tasks', 'claude_start_batch', { tasks: [] }, 'tasks must hold at least one task'],
  ['batch with tasks as a string', 'claude_start_batch', { tasks: 'do it' }, 'tasks must be a list'],
  ['run with a relative workFolder', 'claude_run', { prompt: 'x', workFolder: 'here' }, 'workFolder must be an absolute path'],
  // worktrees
  ['worktree as a string', 'claude_start', { prompt: 'x', worktree: 'yes' }, 'worktree must be true or false'],
  ['worktree outside a git repository', 'claude_start', { prompt: 'x', worktree: true }, 'worktree: true needs workFolder to be inside a git repository'],
  ['base without worktree', 'claude_start', { prompt: 'x', base: 'main' }, 'base and setupCommand belong to worktree: true'],
  ['empty setupCommand', 'claude_start', { prompt: 'x', worktree: true, setupCommand: '' }, 'setupCommand must not be empty'],
  ['batch task with worktree outside a repository', 'claude_start_batch', { tasks: [{ prompt: 'x', worktree: true }] }, 'task 1: worktree: true needs workFolder'],
  ['cleanup with deleteBranch as a string', 'claude_cleanup', { jobId: 'a', deleteBranch: 'yes' }, 'deleteBranch must be true or false'],
  // permission requests
  ['askPermissions as a string', 'claude_start', { prompt: 'x', askPermissions: 'yes' }, 'askPermissions must be true or false'],
  ['askPermissions with skipPermissions', 'claude_start', { prompt: 'x', askPermissions: true, skipPermissions: true }, 'askPermissions sends permission requests to you, and skipPermissions skips them: choose one'],
  ['askPermissions in a mode that never asks', 'claude_start', { prompt: 'x', askPermissions: true, permissionMode: 'dontAsk' }, 'permissionMode "dontAsk" never does'],
  ['respond without requestId', 'claude_respond', { jobId: 'a', allow: true }, 'requestId must be a string'],
  ['respond with allow as a string', 'claude_respond', { jobId: 'a', requestId: 'perm-1', allow: 'yes' }, 'allow must be true (let the tool run) or false (deny it)'],
  ['respond with a request id of another shape', 'claude_respond', { jobId: 'a', requestId: '../x', allow: true }, "'../x' is not a request id"],
  ['respond to no job', 'claude_respond', { jobId: 'nope', requestId: 'perm-1', allow: true }, "No job 'nope'"],
  ['respond with updatedInput as a list', 'claude_respond', { jobId: 'a', requestId: 'perm-1', allow: true, updatedInput: ['x'] }, 'updatedInput must be an object'],
  ['respond with updatedInput to a denial', 'claude_respond', { jobId: 'a', requestId: 'perm-1', allow: false, updatedInput: {} }, 'updatedInput goes with allow: true'],
];

describe('bad input', () => {
  it.each(cases)('%s is refused clearly', async (_, tool, args, expected) => {
    const input = JSON.parse(JSON.stringify(args).replaceAll('__FILE__', path.join(root.dir, 'a-file')));
    const answer = await callRaw(server, tool, input);
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain(expected);
  });

  it('left the server answering and wrote no job and nothing outside the job directory', async () => {
    await server.client.ping();
    const listing = await server.call('claude_jobs', {});
    expect(listing.total).toBe(0);
    expect(readdirSync(root.dir).sort()).toEqual(['a-file', 'jobs']);
  });
});
