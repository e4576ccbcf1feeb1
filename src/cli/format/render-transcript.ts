// One transcript item as terminal text: words plain, tool calls as arrows, results dim, the outcome in colour.
import type { TranscriptItem } from '../../claude/transcript.js';
import type { Colors } from '../pick-colors.js';
import { formatCost, formatDuration } from './format-units.js';

export function renderTranscriptItem(item: TranscriptItem, colors: Colors): string {
  switch (item.kind) {
    case 'session':
      return colors.dim(['session', item.sessionId, item.model && `model ${item.model}`, item.cwd && `in ${item.cwd}`].filter(Boolean).join(' · '));
    case 'text':
      return item.text;
    case 'tool':
      return colors.cyan(`→ ${item.summary}`);
    case 'tool-result': {
      const more = item.lines > 1 ? ` (+${item.lines - 1} lines)` : '';
      return item.isError ? colors.red(`  ✗ ${item.text}${more}`) : colors.dim(`  ← ${item.text || '(empty)'}${more}`);
    }
    case 'retry':
      return colors.yellow(`↻ ${describeApiRetry(item)}`);
    case 'result':
      return renderResult(item, colors);
    case 'note':
      return colors.yellow(`[${item.text}]`);
    case 'raw':
      return colors.dim(item.text);
  }
}

function renderResult(item: Extract<TranscriptItem, { kind: 'result' }>, colors: Colors): string {
  const facts = [
    item.durationMs === undefined ? undefined : `in ${formatDuration(item.durationMs)}`,
    item.numTurns === undefined ? undefined : `${item.numTurns} turn${item.numTurns === 1 ? '' : 's'}`,
    item.costUsd === undefined ? undefined : formatCost(item.costUsd),
  ].filter(Boolean);
  const line = `${item.isError ? '✗' : '✓'} ${item.subtype ?? (item.isError ? 'error' : 'success')}${facts.length > 0 ? ` · ${facts.join(' · ')}` : ''}`;
  // A successful result repeats claude's last words, already shown; an error's text is news.
  const text = item.isError && item.text ? `\n${item.text}` : '';
  return item.isError ? colors.red(line + text) : colors.green(line);
}

// "API not reachable (no HTTP answer, unknown): retry 2 of 10 in 4 s".
export function describeApiRetry(item: Omit<Extract<TranscriptItem, { kind: 'retry' }>, 'kind'>): string {
  const answer = item.status === null || item.status === undefined ? 'no HTTP answer' : `HTTP ${item.status}`;
  const count = item.attempt === undefined ? 'retrying' : `retry ${item.attempt}${item.maxRetries === undefined ? '' : ` of ${item.maxRetries}`}`;
  const delay = item.delayMs === undefined ? '' : ` in ${formatDuration(item.delayMs)}`;
  return `claude could not reach the API (${[answer, item.error].filter(Boolean).join(', ')}): ${count}${delay}`;
}
