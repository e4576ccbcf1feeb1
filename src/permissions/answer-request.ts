// Answering a job's permission request, for claude_respond and `claude-async respond`: the one place that decides
// whether a request still waits, and writes the answer once.
import { inspectJob, jobOutputPaths } from '../jobs/index.js';
import { listRequests, readRequest, REQUEST_ID_PATTERN, writeAnswer, type PermissionAnswer } from './request-files.js';

export interface Reply {
  allow: boolean;
  message?: string;
  updatedInput?: Record<string, unknown>;
}

export type AnswerOutcome = { answered: true; tool: string; answer: PermissionAnswer } | { answered: false; refusal: string };

function describeAnswer(answer: PermissionAnswer): string {
  const what = answer.allow ? 'allowed' : 'denied';
  if (answer.by === 'timeout') return `was ${what} at ${answer.answeredAt} because nobody answered in time`;
  if (answer.by === 'abandoned') return `no longer waits: claude stopped waiting for it at ${answer.answeredAt}`;
  return `was already answered at ${answer.answeredAt} (${what})`;
}

async function listWaiting(jobDir: string): Promise<string> {
  const waiting = (await listRequests(jobDir)).filter((state) => !state.answer).map((state) => state.request.requestId);
  return waiting.length ? `It waits for: ${waiting.join(', ')}.` : 'It waits for no request now.';
}

export async function answerRequest(root: string, jobId: string, requestId: string, reply: Reply): Promise<AnswerOutcome> {
  const refuse = (refusal: string): AnswerOutcome => ({ answered: false, refusal });
  if (!REQUEST_ID_PATTERN.test(requestId)) return refuse(`'${requestId}' is not a request id: they look like "perm-1" (claude_check lists them under inputRequests).`);
  if (reply.updatedInput && !reply.allow) return refuse('updatedInput goes with allow: true (it replaces the input of the tool use you allow).');
  const snapshot = await inspectJob(root, jobId);
  if (!snapshot.record) return refuse(`No job '${jobId}' (${snapshot.reason ?? snapshot.status}). claude_jobs lists the jobs.`);
  const { dir } = jobOutputPaths(root, jobId);
  const state = await readRequest(dir, requestId);
  if (!state) return refuse(`Job '${jobId}' has no request '${requestId}'. ${await listWaiting(dir)}`);
  if (state.answer) return refuse(`Request '${requestId}' of job '${jobId}' ${describeAnswer(state.answer)}; this answer was not used.`);
  if (snapshot.status !== 'input_required' && snapshot.status !== 'running') {
    return refuse(`Request '${requestId}' no longer waits: job '${jobId}' has ended (${snapshot.status}).`);
  }
  const answer: PermissionAnswer = {
    allow: reply.allow,
    ...(reply.message !== undefined ? { message: reply.message } : {}),
    ...(reply.updatedInput ? { updatedInput: reply.updatedInput } : {}),
    answeredAt: new Date().toISOString(),
    by: 'caller',
  };
  if (await writeAnswer(dir, requestId, answer)) return { answered: true, tool: state.request.tool, answer };
  // Someone else (another server, the timeout) answered in the same instant: theirs stands.
  const first = await readRequest(dir, requestId);
  return refuse(`Request '${requestId}' of job '${jobId}' ${first?.answer ? describeAnswer(first.answer) : 'was answered meanwhile'}; this answer was not used.`);
}
