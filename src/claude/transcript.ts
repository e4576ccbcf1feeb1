// Turns claude's stream-json lines into what a person wants to read: its words, one line per tool it used, brief tool
// results and the final result. Pure (lines in, display items out), so the CLI and anyone else can reuse it.
import path from 'node:path';
import { z } from 'zod';
import { describeToolCall } from './activity.js';

const TextBlockSchema = z.object({ type: z.literal('text'), text: z.string() });
const ToolUseBlockSchema = z.object({ type: z.literal('tool_use'), name: z.string(), input: z.unknown() });
const ToolResultBlockSchema = z.object({ type: z.literal('tool_result'), content: z.unknown(), is_error: z.boolean().optional() });
const ContentSchema = z.array(z.unknown()).catch([]);

const EventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('system'),
    subtype: z.string().optional(),
    session_id: z.string().optional(),
    model: z.string().optional(),
    cwd: z.string().optional(),
    // api_retry: claude failed to reach the API and will try again.
    attempt: z.number().optional(),
    max_retries: z.number().optional(),
    retry_delay_ms: z.number().optional(),
    error_status: z.number().nullable().optional(),
    error: z.string().optional(),
  }),
  z.object({ type: z.literal('assistant'), message: z.object({ content: ContentSchema }) }),
  z.object({ type: z.literal('user'), message: z.object({ content: ContentSchema }) }),
  z.object({
    type: z.literal('result'),
    subtype: z.string().optional(),
    is_error: z.boolean().optional(),
    result: z.string().optional(),
    num_turns: z.number().optional(),
    total_cost_usd: z.number().optional(),
    duration_ms: z.number().optional(),
  }),
  // Written by claude-async itself where it cut a log down to its size cap.
  z.object({ type: z.literal('claude_async_cut'), note: z.string() }),
]);

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
  if (line.trim() === '') return [];
  const json = parseJson(line);
  if (json === undefined) return [{ kind: 'raw', text: line }];
  // Event types this reader does not know (newer claude versions add some) carry nothing a person needs.
  const parsed = EventSchema.safeParse(json);
  if (!parsed.success) return [];
  const event = parsed.data;
  switch (event.type) {
    case 'system':
      if (event.subtype === 'api_retry') {
        const { attempt, max_retries: maxRetries, retry_delay_ms: delayMs, error_status: status, error } = event;
        return [withDefined({ kind: 'retry' as const, attempt, maxRetries, delayMs, status, error })];
      }
      if (event.subtype !== 'init') return [];
      if (event.cwd) state.cwd = event.cwd;
      return [withDefined({ kind: 'session' as const, sessionId: event.session_id, model: event.model, cwd: event.cwd })];
    case 'assistant':
      return event.message.content.flatMap((block) => readAssistantBlock(block, state));
    case 'user':
      return event.message.content.flatMap(readToolResult);
    case 'result':
      return [
        withDefined({
          kind: 'result' as const,
          isError: event.is_error === true,
          subtype: event.subtype,
          text: event.result,
          numTurns: event.num_turns,
          costUsd: event.total_cost_usd,
          durationMs: event.duration_ms,
        }),
      ];
    case 'claude_async_cut':
      return [{ kind: 'note', text: event.note }];
  }
}

export function parseTranscript(lines: Iterable<string>): TranscriptItem[] {
  const state: TranscriptState = {};
  return [...lines].flatMap((line) => readTranscriptLine(line, state));
}

function parseJson(line: string): unknown {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function readAssistantBlock(block: unknown, state: TranscriptState): TranscriptItem[] {
  const text = TextBlockSchema.safeParse(block);
  if (text.success) return text.data.text.trim() === '' ? [] : [{ kind: 'text', text: text.data.text.trim() }];
  const tool = ToolUseBlockSchema.safeParse(block);
  if (!tool.success) return [];
  const { name, input } = tool.data;
  const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  return [{ kind: 'tool', name, summary: describeToolCall(name, relativizePaths(fields, state.cwd)) }];
}

function relativizePaths(input: Record<string, unknown>, cwd: string | undefined): Record<string, unknown> {
  const copy = { ...input };
  for (const field of PATH_FIELDS) if (typeof copy[field] === 'string') copy[field] = relativeTo(cwd, copy[field]);
  return copy;
}

function readToolResult(block: unknown): TranscriptItem[] {
  const result = ToolResultBlockSchema.safeParse(block);
  if (!result.success) return [];
  const text = flattenContent(result.data.content).trim();
  return [{ kind: 'tool-result', text: shorten(firstLine(text), DETAIL_CHARS), lines: text === '' ? 0 : text.split('\n').length, isError: result.data.is_error === true }];
}

// Tool results come as a string or as content blocks; only their text is worth a line.
function flattenContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.flatMap((block) => (TextBlockSchema.safeParse(block).data?.text ?? [])).join('\n');
}

function relativeTo(cwd: string | undefined, file: string): string {
  if (!cwd || !path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// Leaves out the fields an event did not carry, so items compare and print without `undefined`s.
function withDefined<T extends Record<string, unknown>>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as T;
}
