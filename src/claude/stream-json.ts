// Reads claude's `--output-format stream-json` lines: one JSON event per line.
import type { ClaudeResult } from '../jobs/schema.js';

type Event = Record<string, unknown>;

function parseLine(line: string): Event | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Event) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function toClaudeResult(event: Event): ClaudeResult {
  const result: ClaudeResult = { isError: event.is_error === true };
  const fields: Array<[keyof ClaudeResult, unknown]> = [
    ['subtype', str(event.subtype)],
    ['result', str(event.result)],
    ['sessionId', str(event.session_id)],
    ['numTurns', num(event.num_turns)],
    ['costUsd', num(event.total_cost_usd)],
    ['durationMs', num(event.duration_ms)],
  ];
  for (const [key, value] of fields) if (value !== undefined) Object.assign(result, { [key]: value });
  return result;
}

// The last `result` event in a stretch of stream-json, if the stretch holds one whole.
export function findResult(text: string): ClaudeResult | undefined {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!;
    if (!line.includes('"result"')) continue;
    const event = parseLine(line);
    if (event?.type === 'result') return toClaudeResult(event);
  }
  return undefined;
}

// The session id from the `system/init` event, known long before the result.
export function findSessionId(text: string): string | undefined {
  for (const line of text.split('\n')) {
    if (!line.includes('"init"')) continue;
    const event = parseLine(line);
    if (event?.type === 'system' && event.subtype === 'init') return str(event.session_id);
  }
  return undefined;
}
