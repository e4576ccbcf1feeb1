// A job's permission requests as the tasks extension's inputRequests: each an elicitation form (allow or deny, and a
// message for claude), keyed by its requestId, which is never reused in a job; tasks/update's inputResponses answer
// them as claude_respond does. Responses to requests that no longer wait are ignored, as the extension asks.
import { jobOutputPaths } from '../../jobs/index.js';
import { answerRequest, describePendingRequests, type InputRequest } from '../../permissions/index.js';
import { shortenLine } from '../../shorten-line.js';
import type { ServerContext } from '../context.js';
import type { TaskInputHooks } from './read-job-task.js';

const SHOWN_INPUT_CHARS = 300;

function toElicitation(request: InputRequest): Record<string, unknown> {
  return {
    method: 'elicitation/create',
    params: {
      mode: 'form',
      message: `The job asks to use ${request.tool}: ${shortenLine(JSON.stringify(request.input), SHOWN_INPUT_CHARS)}`,
      requestedSchema: {
        type: 'object',
        properties: {
          allow: { type: 'boolean', title: 'Allow', description: `Let the job run this ${request.tool} call.` },
          message: { type: 'string', title: 'Message', description: 'With a denial: what claude is told (why, or what to do instead).' },
        },
        required: ['allow'],
      },
    },
  };
}

interface ElicitResponse {
  action?: unknown;
  content?: { allow?: unknown; message?: unknown };
}

export function permissionInput(context: ServerContext): TaskInputHooks {
  const root = context.settings.jobDir;
  return {
    async pendingInput(jobId) {
      const pending = await describePendingRequests(jobOutputPaths(root, jobId).dir);
      return pending.length ? Object.fromEntries(pending.map((request) => [request.requestId, toElicitation(request)])) : undefined;
    },
    async answerInput(jobId, responses) {
      for (const [requestId, raw] of Object.entries(responses)) {
        const response = (raw ?? {}) as ElicitResponse;
        const accepted = response.action === 'accept';
        const allow = accepted && response.content?.allow === true;
        const given = typeof response.content?.message === 'string' ? response.content.message : undefined;
        const message = given ?? (accepted ? undefined : `the caller ${response.action === 'cancel' ? 'cancelled' : 'declined'} the request`);
        await answerRequest(root, jobId, requestId, { allow, ...(message && !allow ? { message } : {}) });
      }
    },
  };
}
