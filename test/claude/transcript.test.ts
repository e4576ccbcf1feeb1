import { describe, expect, it } from 'vitest';
import { parseTranscript, readTranscriptLine, type TranscriptItem } from '../../src/claude/transcript.js';
import { TRANSCRIPT_CWD, TRANSCRIPT_LOG } from '../fixtures/transcript.js';

const line = (event: unknown) => JSON.stringify(event);
const assistant = (...content: unknown[]) => line({ type: 'assistant', message: { content } });
const toolUse = (name: string, input: unknown) => assistant({ type: 'tool_use', id: 'x', name, input });
const init = line({ type: 'system', subtype: 'init', session_id: 's', cwd: '/w' });

describe('parseTranscript', () => {
  it('turns a whole session into what a person reads, in order', () => {
    expect(parseTranscript(TRANSCRIPT_LOG.split('\n'))).toEqual<TranscriptItem[]>([
      { kind: 'session', sessionId: 'sess-1', model: 'claude-sonnet-4-5', cwd: TRANSCRIPT_CWD },
      { kind: 'text', text: 'I will add the file and run the tests.' },
      { kind: 'tool', name: 'Write', summary: 'Write hello.txt' },
      { kind: 'tool-result', text: 'File created successfully at: /home/me/project/hello.txt', lines: 1, isError: false },
      { kind: 'tool', name: 'Bash', summary: 'Bash: npm test # and more' },
      { kind: 'tool-result', text: 'FAIL test/a.test.ts', lines: 3, isError: true },
      { kind: 'raw', text: 'plain text claude printed outside any event' },
      { kind: 'text', text: 'Fixed it: all tests pass.' },
      { kind: 'result', isError: false, subtype: 'success', text: 'Fixed it: all tests pass.', numTurns: 3, costUsd: 0.0421, durationMs: 131150 },
    ]);
  });
});

describe('readTranscriptLine', () => {
  it.each<[string, string[], TranscriptItem[]]>([
    ['a blank line', [''], []],
    ['an event type it does not know', [line({ type: 'stream_event', event: {} })], []],
    ['a system event other than init', [line({ type: 'system', subtype: 'compact_boundary' })], []],
    [
      'an API retry',
      [line({ type: 'system', subtype: 'api_retry', attempt: 2, max_retries: 10, retry_delay_ms: 1200, error_status: null, error: 'unknown' })],
      [{ kind: 'retry', attempt: 2, maxRetries: 10, delayMs: 1200, status: null, error: 'unknown' }],
    ],
    ['a torn JSON line', ['{"type":"assistant","mess'], [{ kind: 'raw', text: '{"type":"assistant","mess' }]],
    ['an API error claude printed as text', ['API Error: 401 invalid x-api-key'], [{ kind: 'raw', text: 'API Error: 401 invalid x-api-key' }]],
    ['whitespace-only assistant text', [assistant({ type: 'text', text: '  \n' })], []],
    ['thinking blocks', [assistant({ type: 'thinking', thinking: 'hmm' })], []],
    ['several blocks in one message', [assistant({ type: 'text', text: 'a' }, { type: 'tool_use', name: 'Read', input: { file_path: '/w/src/x.ts' } })], [{ kind: 'text', text: 'a' }, { kind: 'tool', name: 'Read', summary: 'Read /w/src/x.ts' }]],
    ['a path under the session folder', [init, toolUse('Edit', { file_path: '/w/src/x.ts' })], [{ kind: 'tool', name: 'Edit', summary: 'Edit src/x.ts' }]],
    ['a path outside the session folder', [init, toolUse('Read', { file_path: '/etc/hosts' })], [{ kind: 'tool', name: 'Read', summary: 'Read /etc/hosts' }]],
    ['a tool with no input worth showing', [toolUse('TodoWrite', { todos: [] })], [{ kind: 'tool', name: 'TodoWrite', summary: 'TodoWrite' }]],
    ['a tool with input that is not an object', [toolUse('Odd', 'text')], [{ kind: 'tool', name: 'Odd', summary: 'Odd' }]],
    ['a grep', [toolUse('Grep', { pattern: 'TODO' })], [{ kind: 'tool', name: 'Grep', summary: 'Grep TODO' }]],
    ['an empty tool result', [line({ type: 'user', message: { content: [{ type: 'tool_result', content: '' }] } })], [{ kind: 'tool-result', text: '', lines: 0, isError: false }]],
    ['a user message that is plain text', [line({ type: 'user', message: { content: 'replayed prompt' } })], []],
    ['a failed result', [line({ type: 'result', subtype: 'error_max_turns', is_error: true, num_turns: 9 })], [{ kind: 'result', isError: true, subtype: 'error_max_turns', numTurns: 9 }]],
    ['claude-async\'s own cut marker', [line({ type: 'claude_async_cut', bytes: 10, note: 'claude-async cut 10 bytes here' })], [{ kind: 'note', text: 'claude-async cut 10 bytes here' }]],
  ])('reads %s', (_what, lines, expected) => {
    const state = {};
    expect(lines.flatMap((text) => readTranscriptLine(text, state)).filter((item) => item.kind !== 'session')).toEqual(expected);
  });

  it('shortens a long tool result to its first line', () => {
    const long = 'x'.repeat(500);
    const [item] = readTranscriptLine(line({ type: 'user', message: { content: [{ type: 'tool_result', content: `${long}\nsecond` }] } }), {});
    expect(item).toMatchObject({ kind: 'tool-result', lines: 2 });
    expect((item as { text: string }).text.length).toBeLessThanOrEqual(120);
  });
});
