// A job answer as a tool result. The structured content is what Claude Code hands its model (compact JSON); the text
// is what a task notification hands it, so an ended job reads as claude's own answer followed by one line of facts.
import type { CallToolResult } from '@modelcontextprotocol/server';
import { hasEnded } from '../../jobs/index.js';
import type { JobAnswer } from './job-answer.js';

export function toAnswerResult(answer: JobAnswer): CallToolResult & { structuredContent: JobAnswer } {
  return { content: [{ type: 'text', text: renderAnswerText(answer) }], structuredContent: answer };
}

export function renderAnswerText(answer: JobAnswer): string {
  if (!hasEnded(answer.status) || answer.output !== undefined) return JSON.stringify(answer);
  const { result, jobId, status, ...facts } = answer;
  const line = `[claude-async job ${jobId} ${status}${Object.keys(facts).length ? ` ${JSON.stringify(facts)}` : ''}]`;
  return result ? `${result}\n\n${line}` : line;
}
