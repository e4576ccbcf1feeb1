// Batch jobs with an outputDirectory: the runner writes each job's result there as it ends, server or no server.
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ExitRecord, JobRecord } from '../jobs/index.js';

export function resultFileName(record: JobRecord, exit: ExitRecord): string | undefined {
  if (!record.output) return undefined;
  const index = String(record.output.index).padStart(3, '0');
  const succeeded = exit.outcome === 'exited' && exit.exitCode === 0;
  return succeeded ? `result-${index}-${record.jobId}.md` : `error-${index}-${record.jobId}.txt`;
}

function renderResult(record: JobRecord, exit: ExitRecord): string {
  if (exit.outcome === 'exited' && exit.exitCode === 0) return `${exit.result?.result ?? ''}\n`;
  const lines = [`job ${record.jobId} ended ${exit.outcome}${exit.exitCode !== null ? ` with exit code ${exit.exitCode}` : ''}`];
  if (exit.reason) lines.push(exit.reason);
  if (exit.result?.result) lines.push('', exit.result.result);
  return `${lines.join('\n')}\n`;
}

export async function writeResultFile(record: JobRecord, exit: ExitRecord): Promise<void> {
  const name = resultFileName(record, exit);
  if (!name || !record.output) return;
  await writeFileAtomic(path.join(record.output.directory, name), renderResult(record, exit), { mode: 0o600 });
}
