// A compact picture of what a job is doing, folded from its stream-json events as the log grows: a model watching a
// job learns it from a few hundred bytes instead of reading logs.
import { z } from 'zod';
import { shortenLine } from '../shorten-line.js';
import { parseStreamLine, type AssistantBlock, type StreamEvent } from './stream-json.js';

export const ActivitySchema = z.object({
  turns: z.number().int(),
  // The message the last assistant event belonged to: claude prints a message's blocks as separate events.
  lastMessageId: z.string().optional(),
  toolCalls: z.number().int(),
  recentTools: z.array(z.string()),
  filesChanged: z.array(z.string()),
  lastText: z.string().optional(),
  costUsd: z.number().optional(),
  // claude's latest API retry, until a later message shows it got through.
  retry: z
    .object({ attempt: z.number().optional(), maxRetries: z.number().optional(), error: z.string().optional(), status: z.number().nullable().optional(), delayMs: z.number().optional() })
    .optional(),
});
export type Activity = z.infer<typeof ActivitySchema>;

const RECENT_TOOLS = 5;
const MAX_FILES = 50;
const TEXT_CHARS = 300;
const FILE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);

// "Write src/a.ts", "Bash: npm test", "Grep TODO": the tool and what it acts on.
export function describeToolCall(name: string, input: Record<string, unknown> = {}): string {
  const target = input.file_path ?? input.notebook_path ?? input.path ?? input.pattern ?? input.url ?? input.description;
  if (name === 'Bash' && typeof input.command === 'string') return `Bash: ${shortenLine(input.command, 80)}`;
  return typeof target === 'string' ? `${name} ${shortenLine(target, 80)}` : name;
}

export function emptyActivity(): Activity {
  return { turns: 0, toolCalls: 0, recentTools: [], filesChanged: [] };
}

function absorbBlocks(activity: Activity, blocks: AssistantBlock[]): void {
  for (const block of blocks) {
    if (block.kind === 'text') {
      activity.lastText = shortenLine(block.text, TEXT_CHARS);
      continue;
    }
    activity.toolCalls += 1;
    activity.recentTools = [...activity.recentTools, describeToolCall(block.name, block.input)].slice(-RECENT_TOOLS);
    const file = block.input.file_path ?? block.input.notebook_path;
    if (FILE_TOOLS.has(block.name) && typeof file === 'string' && !activity.filesChanged.includes(file) && activity.filesChanged.length < MAX_FILES) {
      activity.filesChanged.push(file);
    }
  }
}

export function absorbEvent(activity: Activity, event: StreamEvent): void {
  switch (event.type) {
    case 'assistant':
      if (event.messageId === undefined || event.messageId !== activity.lastMessageId) activity.turns += 1;
      if (event.messageId !== undefined) activity.lastMessageId = event.messageId;
      delete activity.retry;
      absorbBlocks(activity, event.blocks);
      return;
    case 'api-retry': {
      const { type: _type, ...retry } = event;
      activity.retry = retry;
      return;
    }
    case 'result':
      delete activity.retry;
      if (event.result.costUsd !== undefined) activity.costUsd = event.result.costUsd;
      return;
    default:
  }
}

// Folds whole stream-json lines into the activity; lines that are not claude events are skipped.
export function absorbLines(activity: Activity, text: string): void {
  for (const line of text.split('\n')) {
    const event = parseStreamLine(line);
    if (event) absorbEvent(activity, event);
  }
}
