// Turns how claude ended into a sentence a user can act on: claude's own words first, then what to do.
import type { ClaudeResult } from '../jobs/schema.js';

const ROOT_REFUSAL = /cannot be used with root\/sudo privileges/i;

function lastLines(text: string, maxChars: number): string {
  const trimmed = text.trim();
  return trimmed.length <= maxChars ? trimmed : `…${trimmed.slice(-maxChars)}`;
}

export function explainFailure(ended: string, result: ClaudeResult | undefined, stderrTail: string): string {
  if (ROOT_REFUSAL.test(stderrTail) || ROOT_REFUSAL.test(result?.result ?? '')) {
    return (
      `${ended}: claude refuses --dangerously-skip-permissions when run as root. ` +
      'Either set IS_SANDBOX=1 in the environment of the claude-async server (only in a sandbox you trust), ' +
      'or start the job with skipPermissions: false and a permissionMode such as "acceptEdits" or "dontAsk".'
    );
  }
  if (result?.isError && result.result) return `${ended}: ${lastLines(result.result, 1000)}`;
  const stderr = lastLines(stderrTail, 1000);
  return stderr ? `${ended}: ${stderr}` : ended;
}
