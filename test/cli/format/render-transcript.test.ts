import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../../../src/claude/transcript.js';
import { renderTranscriptItem } from '../../../src/cli/format/render-transcript.js';

const plain = pc.createColors(false);

describe('renderTranscriptItem', () => {
  it.each<[TranscriptItem, string]>([
    [{ kind: 'session', sessionId: 's1', model: 'sonnet', cwd: '/w' }, 'session · s1 · model sonnet · in /w'],
    [{ kind: 'text', text: 'Hello\nthere' }, 'Hello\nthere'],
    [{ kind: 'tool', name: 'Write', summary: 'Write hello.txt' }, '→ Write hello.txt'],
    [{ kind: 'tool', name: 'Bash', summary: 'Bash: npm test' }, '→ Bash: npm test'],
    [{ kind: 'tool-result', text: 'ok', lines: 1, isError: false }, '  ← ok'],
    [{ kind: 'tool-result', text: 'FAIL a', lines: 3, isError: true }, '  ✗ FAIL a (+2 lines)'],
    [{ kind: 'tool-result', text: '', lines: 0, isError: false }, '  ← (empty)'],
    [{ kind: 'result', isError: false, subtype: 'success', text: 'done', numTurns: 3, costUsd: 0.0421, durationMs: 131150 }, '✓ success · in 2m 11s · 3 turns · $0.0421'],
    [{ kind: 'result', isError: true, subtype: 'error_max_turns', text: 'Reached max turns', numTurns: 1 }, '✗ error_max_turns · 1 turn\nReached max turns'],
    [{ kind: 'result', isError: true }, '✗ error'],
    [{ kind: 'note', text: 'claude-async cut 10 bytes here' }, '[claude-async cut 10 bytes here]'],
    [{ kind: 'raw', text: 'API Error: 401' }, 'API Error: 401'],
    [{ kind: 'retry', attempt: 2, maxRetries: 10, delayMs: 1200, status: null, error: 'unknown' }, '↻ claude could not reach the API (no HTTP answer, unknown): retry 2 of 10 in 1.2s'],
    [{ kind: 'retry', attempt: 1, status: 529, error: 'overloaded' }, '↻ claude could not reach the API (HTTP 529, overloaded): retry 1'],
  ])('renders %j', (item, expected) => {
    expect(renderTranscriptItem(item, plain)).toBe(expected);
  });

  it('colours only when asked', () => {
    const item: TranscriptItem = { kind: 'tool', name: 'Write', summary: 'Write a' };
    expect(renderTranscriptItem(item, pc.createColors(true))).toMatch(/\x1b\[/);
    expect(renderTranscriptItem(item, plain)).not.toMatch(/\x1b\[/);
  });
});
