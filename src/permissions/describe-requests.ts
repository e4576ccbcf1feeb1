// What a job waits for, as claude_check and `show` present it: each pending request with a bounded copy of the
// tool input (a Write may carry megabytes; a model reads this on every check).
import { z } from 'zod';
import { listRequests } from './request-files.js';

const STRING_CHARS = 1000;
const INPUT_CHARS = 4000;

export const InputRequestSchema = z.object({
  requestId: z.string().describe('Pass to claude_respond.'),
  kind: z.literal('permission'),
  tool: z.string().describe('The tool claude wants to use, e.g. "Bash" or "Write".'),
  input: z.record(z.string(), z.unknown()).describe(`Its input, e.g. {"command": "npm test"}; long strings cut to ${STRING_CHARS} characters.`),
  askedAt: z.string(),
  timeoutAt: z.string().describe('When it is denied if nobody answers.'),
});
export type InputRequest = z.infer<typeof InputRequestSchema>;

function boundValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length <= STRING_CHARS ? value : `${value.slice(0, STRING_CHARS)}… (${value.length} characters in all)`;
  if (Array.isArray(value)) return value.map(boundValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, boundValue(inner)]));
  return value;
}

export function boundInput(input: Record<string, unknown>): Record<string, unknown> {
  const bounded = boundValue(input) as Record<string, unknown>;
  const text = JSON.stringify(bounded);
  return text.length <= INPUT_CHARS ? bounded : { preview: `${text.slice(0, INPUT_CHARS)}…`, note: `the input is ${text.length} characters of JSON; the whole of it is in the job's permissions folder` };
}

export async function describePendingRequests(jobDir: string): Promise<InputRequest[]> {
  const states = await listRequests(jobDir);
  return states
    .filter((state) => !state.answer)
    .map(({ request }) => ({ requestId: request.requestId, kind: request.kind, tool: request.tool, input: boundInput(request.input), askedAt: request.askedAt, timeoutAt: request.timeoutAt }));
}
