// A job's permission requests as files in its directory: the relay writes a request and waits; whoever answers
// (any server, the CLI) writes the answer once. Files, so a request outlives a server restart and any server can
// answer it; written once by hard link, so two answers (or an answer racing the timeout) resolve to exactly one.
//
//   <job dir>/permissions/<requestId>.request.json   what claude asked
//   <job dir>/permissions/<requestId>.answer.json    the answer: the caller's, or the timeout's
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DIR_MODE, readRecord, writeRecordOnce } from '../jobs/records.js';

const REQUEST_SUFFIX = '.request.json';
const ANSWER_SUFFIX = '.answer.json';

export const REQUEST_ID_PATTERN = /^perm-[0-9]{1,6}$/;

export const PermissionRequestSchema = z.object({
  requestId: z.string().regex(REQUEST_ID_PATTERN),
  kind: z.literal('permission'),
  tool: z.string(),
  input: z.record(z.string(), z.unknown()),
  toolUseId: z.string().optional(),
  askedAt: z.string(),
  // When the relay denies it on its own if nobody has answered.
  timeoutAt: z.string(),
});
export type PermissionRequest = z.infer<typeof PermissionRequestSchema>;

export const PermissionAnswerSchema = z.object({
  allow: z.boolean(),
  message: z.string().optional(),
  updatedInput: z.record(z.string(), z.unknown()).optional(),
  answeredAt: z.string(),
  // caller: claude_respond or `claude-async respond`; timeout: nobody answered in time; abandoned: claude stopped
  // waiting for it (its tool call was cancelled).
  by: z.enum(['caller', 'timeout', 'abandoned']),
});
export type PermissionAnswer = z.infer<typeof PermissionAnswerSchema>;

export interface RequestState {
  request: PermissionRequest;
  answer?: PermissionAnswer;
}

function requestsDir(jobDir: string): string {
  return path.join(jobDir, 'permissions');
}

function requestFile(jobDir: string, requestId: string): string {
  return path.join(requestsDir(jobDir), `${requestId}${REQUEST_SUFFIX}`);
}

function answerFile(jobDir: string, requestId: string): string {
  return path.join(requestsDir(jobDir), `${requestId}${ANSWER_SUFFIX}`);
}

function listNames(jobDir: string): string[] {
  try {
    return readdirSync(requestsDir(jobDir));
  } catch {
    return [];
  }
}

// Numbered in the order claude asked; the next free number is claimed by the write itself.
export async function recordRequest(jobDir: string, asked: Pick<PermissionRequest, 'tool' | 'input' | 'toolUseId'>, timeoutSeconds: number): Promise<PermissionRequest> {
  mkdirSync(requestsDir(jobDir), { recursive: true, mode: DIR_MODE });
  const now = Date.now();
  let number = listNames(jobDir).filter((name) => name.endsWith(REQUEST_SUFFIX)).length + 1;
  for (;;) {
    const request: PermissionRequest = {
      requestId: `perm-${number}`,
      kind: 'permission',
      tool: asked.tool,
      input: asked.input,
      ...(asked.toolUseId ? { toolUseId: asked.toolUseId } : {}),
      askedAt: new Date(now).toISOString(),
      timeoutAt: new Date(now + timeoutSeconds * 1000).toISOString(),
    };
    if (await writeRecordOnce(requestFile(jobDir, request.requestId), request)) return request;
    number += 1;
  }
}

export async function readRequest(jobDir: string, requestId: string): Promise<RequestState | undefined> {
  const request = await readRecord(requestFile(jobDir, requestId), PermissionRequestSchema);
  if (request.state !== 'ok') return undefined;
  const answer = await readAnswer(jobDir, requestId);
  return answer ? { request: request.value, answer } : { request: request.value };
}

export async function readAnswer(jobDir: string, requestId: string): Promise<PermissionAnswer | undefined> {
  const answer = await readRecord(answerFile(jobDir, requestId), PermissionAnswerSchema);
  return answer.state === 'ok' ? answer.value : undefined;
}

// Returns false when the request already had an answer: the first one stands.
export async function writeAnswer(jobDir: string, requestId: string, answer: PermissionAnswer): Promise<boolean> {
  return writeRecordOnce(answerFile(jobDir, requestId), answer);
}

export async function listRequests(jobDir: string): Promise<RequestState[]> {
  const ids = listNames(jobDir)
    .filter((name) => name.endsWith(REQUEST_SUFFIX))
    .map((name) => name.slice(0, -REQUEST_SUFFIX.length))
    .filter((id) => REQUEST_ID_PATTERN.test(id))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  const states = await Promise.all(ids.map((id) => readRequest(jobDir, id)));
  return states.filter((state): state is RequestState => state !== undefined);
}

// Synchronous and cheap (one readdir, usually of a folder that does not exist): every status read asks it.
export function hasPendingRequest(jobDir: string): boolean {
  const names = new Set(listNames(jobDir));
  for (const name of names) {
    if (name.endsWith(REQUEST_SUFFIX) && !names.has(`${name.slice(0, -REQUEST_SUFFIX.length)}${ANSWER_SUFFIX}`)) return true;
  }
  return false;
}
