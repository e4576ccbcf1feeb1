// The answer a model pays for: bounded whatever the job did, each fact once, paths relative, money rounded.
import { describe, expect, it } from 'vitest';
import { emptyActivity, type Activity } from '../../../src/claude/activity.js';
import type { JobSnapshot } from '../../../src/jobs/index.js';
import { describeJob, FINAL_FACTS_BUDGET, RESULT_CHARS, roundUsd, RUNNING_BUDGET } from '../../../src/server/answers/job-answer.js';
import { renderAnswerText } from '../../../src/server/answers/render-answer.js';

const STARTED = '2026-11-30T01:00:00.000Z';
const NOW = Date.parse(STARTED) + 125_000;
const record = { version: 1, jobId: 'j1', createdAt: STARTED, queueKey: 'k', workFolder: '/home/me/project', claudePath: '/bin/claude', promptBytes: 1, promptSummary: 'x', claude: { skipPermissions: true } } as JobSnapshot['record'];
const runner = { runner: { pid: 10, startTime: '1' }, startedAt: STARTED } as JobSnapshot['runner'];

function busyActivity(): Activity {
  const activity = emptyActivity();
  activity.turns = 40;
  activity.toolCalls = 60;
  activity.recentTools = Array.from({ length: 5 }, (_, i) => `Bash: ${'npm run a-very-long-script-name -- --with --many --flags '.repeat(2)}${i}`);
  activity.filesChanged = Array.from({ length: 50 }, (_, i) => `/home/me/project/src/deeply/nested/folder/structure/module-${i}.ts`);
  activity.lastText = 'word '.repeat(300);
  activity.retry = { attempt: 7, maxRetries: 10, error: 'overloaded', status: 529 };
  return activity;
}

describe('a running job', () => {
  it('fits in 400 bytes however busy it is, keeping status, time, trouble and the newest tool call and file', () => {
    const answer = describeJob({ jobId: 'j1', status: 'running', record, runner }, { activity: busyActivity(), cwd: record!.workFolder }, NOW);
    expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThanOrEqual(RUNNING_BUDGET);
    expect(answer).toMatchObject({ jobId: 'j1', status: 'running', elapsed: '2m 05s', turns: 40, trouble: 'claude could not reach the API (HTTP 529, overloaded): retry 7 of 10' });
    expect(answer.tools?.at(-1)).toMatch(/^Bash: npm run/);
    expect(answer.files?.at(-1)).toMatch(/^\+\d+ more$/);
    expect(answer.files?.some((file) => file.includes('module-49'))).toBe(true);
    expect(JSON.stringify(answer)).not.toContain('/home/me');
  });

  it('says what claude last said and what it is doing, and how to wait, when there is room', () => {
    const activity = { ...emptyActivity(), turns: 2, toolCalls: 1, recentTools: ['Write src/a.ts'], filesChanged: ['/home/me/project/src/a.ts'], lastText: 'Writing the module.' };
    expect(describeJob({ jobId: 'j1', status: 'running', record, runner }, { activity, cwd: record!.workFolder }, NOW)).toEqual({
      jobId: 'j1',
      status: 'running',
      elapsed: '2m 05s',
      turns: 2,
      tools: ['Write src/a.ts'],
      files: ['src/a.ts'],
      said: 'Writing the module.',
      next: 'claude_check with waitSeconds 50 waits for the end; jobs take minutes.',
    });
  });

  it('while queued gives its place in line', () => {
    expect(describeJob({ jobId: 'j1', status: 'queued', record }, { activity: emptyActivity(), position: 3 }, NOW)).toMatchObject({ status: 'queued', queuePosition: 3 });
  });
});

describe('an ended job', () => {
  const exit = (result: object, exitCode = 0) => ({ outcome: 'exited' as const, endedAt: new Date(NOW).toISOString(), exitCode, signal: null, result: { isError: false, ...result } });

  it('is claude\'s answer plus at most 600 bytes of facts, the cost rounded', () => {
    const answer = describeJob({ jobId: 'j1', status: 'completed', record, runner, exit: exit({ result: ' Done. ', sessionId: 's-1', numTurns: 3, costUsd: 0.00028000000000000003 }) }, { activity: busyActivity(), cwd: record!.workFolder }, NOW);
    const { result, ...facts } = answer;
    expect(result).toBe('Done.');
    expect(Buffer.byteLength(JSON.stringify(facts))).toBeLessThanOrEqual(FINAL_FACTS_BUDGET);
    expect(facts).toMatchObject({ elapsed: '2m 05s', turns: 3, costUsd: 0.00028, sessionId: 's-1' });
    expect(facts).not.toHaveProperty('tools');
    expect(facts).not.toHaveProperty('said');
    expect(facts).not.toHaveProperty('exitCode');
  });

  it('cuts a long answer and says how to read the rest', () => {
    const long = 'x'.repeat(RESULT_CHARS + 500);
    const answer = describeJob({ jobId: 'j1', status: 'completed', record, runner, exit: exit({ result: long }) }, { activity: emptyActivity(), cwd: record!.workFolder }, NOW);
    expect(answer.result).toHaveLength(RESULT_CHARS);
    expect(answer).toMatchObject({ resultChars: RESULT_CHARS + 500, next: `claude_check output "result" sinceOffset ${RESULT_CHARS} reads on.` });
  });

  it('says a failure once: the reason quotes claude\'s error, so the result is not repeated', () => {
    const error = 'API Error: 500 stand-in exploded';
    const answer = describeJob({ jobId: 'j1', status: 'failed', reason: `claude exited with code 1: ${error}`, record, runner, exit: exit({ isError: true, result: error }, 1) }, { activity: emptyActivity(), cwd: record!.workFolder }, NOW);
    expect(answer).toMatchObject({ status: 'failed', exitCode: 1, reason: `claude exited with code 1: ${error}` });
    expect(answer.result).toBeUndefined();
  });

  it('reads as the answer then one line of facts in the text a task notification carries', () => {
    const answer = describeJob({ jobId: 'j1', status: 'completed', record, runner, exit: exit({ result: 'Done.', numTurns: 1 }) }, { activity: emptyActivity(), cwd: record!.workFolder }, NOW);
    expect(renderAnswerText(answer)).toBe('Done.\n\n[claude-async job j1 completed {"elapsed":"2m 05s","turns":1}]');
  });
});

it.each([
  [0.00028000000000000003, 0.00028],
  [0.0421, 0.042],
  [1.23456, 1.23],
  [12.5, 12.5],
])('rounds $%s to %s', (usd, rounded) => {
  expect(roundUsd(usd)).toBe(rounded);
});
