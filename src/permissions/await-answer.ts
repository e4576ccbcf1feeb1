// Waits for the answer to a permission request, and denies it on its own at its timeout, or when claude stops
// waiting. Polls the answer file: cheap, and it holds whoever writes the answer (any server, any process).
import { setTimeout as sleep } from 'node:timers/promises';
import { readAnswer, writeAnswer, type PermissionAnswer, type PermissionRequest } from './request-files.js';

const POLL_MS = 200;

export function describeTimeout(seconds: number): string {
  return `Nobody answered this permission request within ${seconds} s, so it was denied. Do not retry the same action; go on without it or finish and say what you needed.`;
}

export async function awaitAnswer(jobDir: string, request: PermissionRequest, signal?: AbortSignal): Promise<PermissionAnswer> {
  const deadline = Date.parse(request.timeoutAt);
  for (;;) {
    const answer = await readAnswer(jobDir, request.requestId);
    if (answer) return answer;
    const ownEnd = signal?.aborted ? 'abandoned' : Date.now() >= deadline ? 'timeout' : undefined;
    if (ownEnd) {
      const seconds = Math.round((deadline - Date.parse(request.askedAt)) / 1000);
      const own: PermissionAnswer = {
        allow: false,
        message: ownEnd === 'timeout' ? describeTimeout(seconds) : 'claude stopped waiting for this request.',
        answeredAt: new Date().toISOString(),
        by: ownEnd,
      };
      // An answer written in the same instant wins; the relay then obeys it.
      if (await writeAnswer(jobDir, request.requestId, own)) return own;
      continue;
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}

// The text claude's --permission-prompt-tool expects back.
export function toDecision(request: PermissionRequest, answer: PermissionAnswer): string {
  if (answer.allow) return JSON.stringify({ behavior: 'allow', updatedInput: answer.updatedInput ?? request.input });
  return JSON.stringify({ behavior: 'deny', message: answer.message ?? 'The caller denied this permission request.' });
}
