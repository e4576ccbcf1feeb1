// Turns claude's stream-json events into what a person wants to read: its words, one line per tool it used, brief tool
// results, API retries and the final result. Pure (lines in, display items out), so the CLI and the tools reuse it.
import path from 'node:path';
import { describeToolCall } from './activity.js';
import { parseStreamLine, type AssistantBlock, type StreamEvent } from './stream-json.js';

export type TranscriptItem =
  | { kind: 'session'; sessionId?: string; model?: string; cwd?: string }
  | { kind: 'text'; text: string }
  // summary reads `Write hello.txt` for a file, `Bash: npm test` for anything else.
  | { kind: 'tool'; name: string; summary: string }
  | { kind: 'tool-result'; text: string; lines: number; isError: boolean }
  // claude could not reach the API (status null: no HTTP answer at all) and tries again after delayMs.
  | { kind: 'retry'; attempt?: number; maxRetries?: number; delayMs?: number; status?: number | null; error?: string }
  | { kind: 'result'; isError: boolean; subtype?: string; text?: string; numTurns?: number; costUsd?: number; durationMs?: number }
  // Something claude-async itself says in the log, such as where it cut the log down to its cap.
  | { kind: 'note'; text: string }
  // A line that is not a stream-json event claude prints for people (its own errors, or plain output).
  | { kind: 'raw'; text: string };

// What the next lines need from earlier ones: the session's folder, to show the files tools touch relative to it.
export interface TranscriptState {
  cwd?: string;
}

// Path inputs that read better relative to the session's folder: `→ Write hello.txt`.
const PATH_FIELDS = ['file_path', 'notebook_path', 'path'] as const;
const DETAIL_CHARS = 120;

export function readTranscriptLine(line: string, state: TranscriptState): TranscriptItem[] {
  const event = parseStreamLine(line);
  return event ? toItems(event, state) : [];
}

function toItems(event: StreamEvent, state: TranscriptState): TranscriptItem[] {
  switch (event.type) {
    case 'init': {
      if (event.cwd) state.cwd = event.cwd;
      const { type: _type, ...fields } = event;
      return [{ kind: 'session', ...fields }];
    }
    case 'assistant':
      return event.blocks.map((block) => readAssistantBlock(block, state));
    case 'tool-results':
      return event.results.map(({ text, isError }) => {
        const trimmed = text.trim();
        return { kind: 'tool-result', text: shorten(trimmed.split('\n', 1)[0] ?? '', DETAIL_CHARS), lines: trimmed === '' ? 0 : trimmed.split('\n').length, isError };
      });
    case 'api-retry': {
      const { type: _type, ...retry } = event;
      return [{ kind: 'retry', ...retry }];
    }
    case 'result': {
      const { result: text, isError, subtype, numTurns, costUsd, durationMs } = event.result;
      return [Object.fromEntries(Object.entries({ kind: 'result', isError, subtype, text, numTurns, costUsd, durationMs }).filter(([, v]) => v !== undefined)) as TranscriptItem];
    }
    case 'cut':
      return [{ kind: 'note', text: event.note }];
    case 'text-line':
      return [{ kind: 'raw', text: event.text }];
    case 'other':
      return [];
  }
}

export function parseTranscript(lines: Iterable<string>): TranscriptItem[] {
  const state: TranscriptState = {};
  return [...lines].flatMap((line) => readTranscriptLine(line, state));
}

function readAssistantBlock(block: AssistantBlock, state: TranscriptState): TranscriptItem {
  if (block.kind === 'text') return { kind: 'text', text: block.text };
  return { kind: 'tool', name: block.name, summary: describeToolCall(block.name, relativizePaths(block.input, state.cwd)) };
}

function relativizePaths(input: Record<string, unknown>, cwd: string | undefined): Record<string, unknown> {
  const copy = { ...input };
  for (const field of PATH_FIELDS) if (typeof copy[field] === 'string') copy[field] = relativeTo(cwd, copy[field]);
  return copy;
}

// A path relative to the folder when it lies inside it; otherwise as given.
export function relativeTo(cwd: string | undefined, file: string): string {
  if (!cwd || !path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
