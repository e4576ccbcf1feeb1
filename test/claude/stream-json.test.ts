import { describe, expect, it } from 'vitest';
import { absorbLines, emptyActivity } from '../../src/claude/activity.js';
import { findResult, findSessionId, parseStreamLine, type StreamEvent } from '../../src/claude/stream-json.js';
import { readTranscriptLine } from '../../src/claude/transcript.js';

const line = (event: unknown) => JSON.stringify(event);
const retry = (attempt: number) => line({ type: 'system', subtype: 'api_retry', attempt, max_retries: 10, retry_delay_ms: 2000, error_status: 529, error: 'overloaded' });
const assistant = (...content: unknown[]) => line({ type: 'assistant', message: { content } });

describe('parseStreamLine', () => {
  it.each<[string, string, StreamEvent | undefined]>([
    ['a blank line', '  ', undefined],
    ['claude\'s own text', 'API Error: 401', { type: 'text-line', text: 'API Error: 401' }],
    ['a torn line', '{"type":"ass', { type: 'text-line', text: '{"type":"ass' }],
    ['a JSON array', '[1]', { type: 'text-line', text: '[1]' }],
    ['an unknown event', line({ type: 'stream_event' }), { type: 'other' }],
    ['init', line({ type: 'system', subtype: 'init', session_id: 's', cwd: '/w', model: 'm', tools: [] }), { type: 'init', sessionId: 's', cwd: '/w', model: 'm' }],
    ['an API retry', retry(3), { type: 'api-retry', attempt: 3, maxRetries: 10, error: 'overloaded', status: 529, delayMs: 2000 }],
    ['an API retry with nulls', line({ type: 'system', subtype: 'api_retry', attempt: 1, error_status: null }), { type: 'api-retry', attempt: 1, status: null }],
    ['text and a tool call', assistant({ type: 'text', text: ' hi ' }, { type: 'tool_use', name: 'Bash', input: { command: 'ls' } }, { type: 'thinking' }), { type: 'assistant', blocks: [{ kind: 'text', text: 'hi' }, { kind: 'tool', name: 'Bash', input: { command: 'ls' } }] }],
    ['a tool result in blocks', line({ type: 'user', message: { content: [{ type: 'tool_result', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], is_error: true }] } }), { type: 'tool-results', results: [{ text: 'a\nb', isError: true }] }],
    ['a result', line({ type: 'result', subtype: 'success', is_error: false, result: 'ok', session_id: 's', num_turns: 2, total_cost_usd: 0.01, duration_ms: 5 }), { type: 'result', result: { isError: false, subtype: 'success', result: 'ok', sessionId: 's', numTurns: 2, costUsd: 0.01, durationMs: 5 } }],
  ])('reads %s', (_what, text, expected) => {
    expect(parseStreamLine(text)).toEqual(expected);
  });

  it('finds the last result and the session id in a stretch of log', () => {
    const log = [line({ type: 'system', subtype: 'init', session_id: 'abc' }), line({ type: 'result', result: 'one' }), line({ type: 'result', result: 'two' }), ''].join('\n');
    expect(findResult(log)?.result).toBe('two');
    expect(findSessionId(log)).toBe('abc');
    expect(findResult('{"type":"result"')).toBeUndefined();
  });
});

describe('API retries', () => {
  it('show as trouble in the activity until claude gets through', () => {
    const activity = emptyActivity();
    absorbLines(activity, [retry(1), retry(2)].join('\n'));
    expect(activity.retry).toEqual({ attempt: 2, maxRetries: 10, error: 'overloaded', status: 529, delayMs: 2000 });
    absorbLines(activity, assistant({ type: 'text', text: 'back' }));
    expect(activity.retry).toBeUndefined();
    expect(activity.turns).toBe(1);
  });

  it('count one turn per message, though claude prints each of its blocks as an event', () => {
    const activity = emptyActivity();
    const block = (id: string, content: unknown) => line({ type: 'assistant', message: { id, content: [content] } });
    absorbLines(activity, [block('m1', { type: 'text', text: 'Writing.' }), block('m1', { type: 'tool_use', name: 'Write', input: { file_path: '/w/a' } }), block('m2', { type: 'text', text: 'Done.' })].join('\n'));
    expect(activity).toMatchObject({ turns: 2, toolCalls: 1, lastText: 'Done.', filesChanged: ['/w/a'] });
  });

  it('read as one item in the transcript', () => {
    expect(readTranscriptLine(retry(4), {})).toEqual([{ kind: 'retry', attempt: 4, maxRetries: 10, error: 'overloaded', status: 529, delayMs: 2000 }]);
  });
});
