// tasks/get's answer for one job, read from the job store by any server process.
import { stat } from 'node:fs/promises';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { jobOutputPaths } from '../../jobs/index.js';
import { answerJob } from '../answers/job-answer.js';
import type { ServerContext } from '../context.js';
import { toJobTask, type JobTask } from './job-task.js';

// What a job waits on its caller for, and the way to answer it (its permission requests: permission-input.ts).
export interface TaskInputHooks {
  pendingInput(jobId: string): Promise<Record<string, unknown> | undefined>;
  answerInput(jobId: string, responses: Record<string, unknown>): Promise<void>;
}

export async function readJobTask(context: ServerContext, taskId: string, input?: TaskInputHooks): Promise<JobTask & { resultType: 'complete' }> {
  const { answer, snapshot } = await answerJob(context, taskId);
  if (snapshot.status === 'unknown') throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No task '${taskId}': ${snapshot.reason ?? 'no such job'}`);
  const output = await stat(jobOutputPaths(context.settings.jobDir, taskId).stdout).catch(() => undefined);
  const inputRequests = input ? await input.pendingInput(taskId) : undefined;
  const task = toJobTask({ snapshot, answer, lastOutputAt: output?.mtimeMs, retentionDays: context.settings.retentionDays, now: Date.now(), inputRequests });
  return { ...task, resultType: 'complete' };
}
