// The one reader of claude's `--output-format stream-json`: a line in, a typed event out. The activity summary, the
// transcript, the final result and the session id are all folded from these events. Plain checks instead of schema
// parsing, so the runner (which reads the final result) stays light.
import type { ClaudeResult } from '../jobs/schema.js';

export type AssistantBlock = { kind: 'text'; text: string } | { kind: 'tool'; name: string; input: Record<string, unknown> };

export type StreamEvent =
  | { type: 'init'; sessionId?: string; model?: string; cwd?: string }
  // claude prints one event per content block; blocks of one message share its messageId.
  | { type: 'assistant'; blocks: AssistantBlock[]; messageId?: string }
  | { type: 'tool-results'; results: Array<{ text: string; isError: boolean }> }
  // claude is retrying a failed API call (`system/api_retry`): the attempt, its limit, the error kind, the HTTP status
  // (null: no HTTP answer at all) and the wait before the next try.
  | { type: 'api-retry'; attempt?: number; maxRetries?: number; error?: string; status?: number | null; delayMs?: number }
  | { type: 'result'; result: ClaudeResult }
  // Written by claude-async itself where it cut a log down to its size cap.
  | { type: 'cut'; note: string }
  // A line that is not JSON: claude's own messages printed as text, or a torn line.
  | { type: 'text-line'; text: string }
  // A JSON event this reader has no use for (newer claude versions add some).
  | { type: 'other' };

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

// Leaves out the fields an event did not carry, so events compare and print without `undefined`s.
function defined<T extends Json>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function parseStreamLine(line: string): StreamEvent | undefined {
  if (line.trim() === '') return undefined;
  if (!line.startsWith('{')) return { type: 'text-line', text: line };
  let json: Json | undefined;
  try {
    json = obj(JSON.parse(line));
  } catch {
    return { type: 'text-line', text: line };
  }
  if (!json) return { type: 'other' };
  switch (json.type) {
    case 'system':
      return readSystem(json);
    case 'assistant':
      return defined({ type: 'assistant' as const, blocks: contentOf(json).flatMap(readAssistantBlock), messageId: str(obj(json.message)?.id) });
    case 'user':
      return { type: 'tool-results', results: contentOf(json).flatMap(readToolResult) };
    case 'result':
      return { type: 'result', result: toClaudeResult(json) };
    case 'claude_async_cut':
      return typeof json.note === 'string' ? { type: 'cut', note: json.note } : { type: 'other' };
    default:
      return { type: 'other' };
  }
}

function readSystem(event: Json): StreamEvent {
  if (event.subtype === 'init') return defined({ type: 'init' as const, sessionId: str(event.session_id), model: str(event.model), cwd: str(event.cwd) });
  if (event.subtype === 'api_retry') {
    return defined({
      type: 'api-retry' as const,
      attempt: num(event.attempt),
      maxRetries: num(event.max_retries),
      error: str(event.error),
      status: event.error_status === null ? null : num(event.error_status),
      delayMs: num(event.retry_delay_ms),
    });
  }
  return { type: 'other' };
}

function contentOf(event: Json): unknown[] {
  const content = obj(event.message)?.content;
  return Array.isArray(content) ? content : [];
}

function readAssistantBlock(block: unknown): AssistantBlock[] {
  const b = obj(block);
  if (b?.type === 'text' && typeof b.text === 'string') return b.text.trim() === '' ? [] : [{ kind: 'text', text: b.text.trim() }];
  if (b?.type === 'tool_use' && typeof b.name === 'string') return [{ kind: 'tool', name: b.name, input: obj(b.input) ?? {} }];
  return [];
}

function readToolResult(block: unknown): Array<{ text: string; isError: boolean }> {
  const b = obj(block);
  if (b?.type !== 'tool_result') return [];
  return [{ text: flattenContent(b.content), isError: b.is_error === true }];
}

// Tool results come as a string or as content blocks; only their text is worth reading.
function flattenContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.flatMap((block) => str(obj(block)?.text) ?? []).join('\n');
}

export function toClaudeResult(event: Json): ClaudeResult {
  return defined({
    isError: event.is_error === true,
    subtype: str(event.subtype),
    result: str(event.result),
    sessionId: str(event.session_id),
    numTurns: num(event.num_turns),
    costUsd: num(event.total_cost_usd),
    durationMs: num(event.duration_ms),
  });
}

// The last `result` event in a stretch of stream-json, if the stretch holds one whole.
export function findResult(text: string): ClaudeResult | undefined {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!;
    // Most lines are skipped without parsing: only a result line names the type so.
    if (!line.includes('"result"')) continue;
    const event = parseStreamLine(line);
    if (event?.type === 'result') return event.result;
  }
  return undefined;
}

// The session id from the `system/init` event, known long before the result.
export function findSessionId(text: string): string | undefined {
  for (const line of text.split('\n')) {
    if (!line.includes('"init"')) continue;
    const event = parseStreamLine(line);
    if (event?.type === 'init') return event.sessionId;
  }
  return undefined;
}
