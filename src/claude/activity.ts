// A compact picture of what a job is doing, built from its stream-json as it grows: a model watching a job learns
// it from a few hundred bytes instead of reading logs.
import { z } from 'zod';
import { shortenLine } from '../shorten-line.js';

export const ActivitySchema = z.object({
  turns: z.number().int().describe('Assistant messages so far.'),
  toolCalls: z.number().int(),
  recentTools: z.array(z.string()).describe('The last few tool calls, one line each: tool and target.'),
  filesChanged: z.array(z.string()).describe('Files written or edited so far.'),
  lastText: z.string().optional().describe('The latest assistant text, shortened.'),
  costUsd: z.number().optional().describe('Cost claude reported, once it did.'),
});
export type Activity = z.infer<typeof ActivitySchema>;

const RECENT_TOOLS = 5;
const MAX_FILES = 50;
const TEXT_CHARS = 300;
const FILE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);

type Block = { type?: string; text?: string; name?: string; input?: Record<string, unknown> };

// "Write src/a.ts", "Bash: npm test", "Grep TODO": the tool and what it acts on.
export function describeToolCall(name: string, input: Record<string, unknown> = {}): string {
  const target = input.file_path ?? input.notebook_path ?? input.path ?? input.pattern ?? input.url ?? input.description;
  if (name === 'Bash' && typeof input.command === 'string') return `Bash: ${shortenLine(input.command, 80)}`;
  return typeof target === 'string' ? `${name} ${shortenLine(target, 80)}` : name;
}

export function emptyActivity(): Activity {
  return { turns: 0, toolCalls: 0, recentTools: [], filesChanged: [] };
}

function absorbBlocks(activity: Activity, blocks: Block[]): void {
  for (const block of blocks) {
    if (block.type === 'text' && block.text?.trim()) activity.lastText = shortenLine(block.text, TEXT_CHARS);
    if (block.type !== 'tool_use' || !block.name) continue;
    activity.toolCalls += 1;
    activity.recentTools = [...activity.recentTools, describeToolCall(block.name, block.input)].slice(-RECENT_TOOLS);
    const file = block.input?.file_path ?? block.input?.notebook_path;
    if (FILE_TOOLS.has(block.name) && typeof file === 'string' && !activity.filesChanged.includes(file) && activity.filesChanged.length < MAX_FILES) {
      activity.filesChanged.push(file);
    }
  }
}

// Folds whole stream-json lines into the activity; lines that are not claude events are skipped.
export function absorbLines(activity: Activity, text: string): void {
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let event: { type?: string; message?: { content?: unknown }; total_cost_usd?: unknown };
    try {
      event = JSON.parse(line);
    } catch {
      continue;
    }
    if (event.type === 'assistant') {
      activity.turns += 1;
      if (Array.isArray(event.message?.content)) absorbBlocks(activity, event.message.content as Block[]);
    } else if (event.type === 'result' && typeof event.total_cost_usd === 'number') {
      activity.costUsd = event.total_cost_usd;
    }
  }
}
