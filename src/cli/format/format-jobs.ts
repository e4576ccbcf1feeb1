// The `jobs` table: one line per job, newest first.
import type { JobSummary } from '../../jobs/index.js';
import type { Colors } from '../pick-colors.js';
import { formatTable, type Cell, type Column } from './format-table.js';
import { formatAge, formatCost, formatDuration } from './format-units.js';
import { paintStatus } from './paint-status.js';
import { tidyPath } from './tidy-path.js';

const COLUMNS: Column[] = [
  { header: 'ID' },
  { header: 'STATUS' },
  { header: 'AGE', align: 'right' },
  { header: 'DURATION', align: 'right' },
  { header: 'FOLDER', max: 32, keep: 'end' },
  { header: 'COST', align: 'right' },
  { header: 'PROMPT' },
];

export function formatJobsTable(jobs: JobSummary[], colors: Colors, now: number, width?: number): string[] {
  const rows = jobs.map((job): Cell[] => [
    { text: job.jobId },
    { text: job.status, paint: paintStatus(job.status, colors) },
    { text: job.createdAt ? formatAge(now - Date.parse(job.createdAt)) : '-' },
    { text: measureRun(job, now) },
    { text: job.workFolder ? tidyPath(job.workFolder) : '-' },
    { text: job.costUsd === undefined ? '-' : formatCost(job.costUsd) },
    { text: job.promptSummary ?? job.reason ?? '', paint: colors.dim },
  ]);
  return formatTable(COLUMNS, rows, colors, width);
}

// How long the job ran, or has been running: from the runner's start to the end, or to now.
export function measureRun(job: Pick<JobSummary, 'startedAt' | 'endedAt'>, now: number): string {
  if (!job.startedAt) return '-';
  const end = job.endedAt ? Date.parse(job.endedAt) : now;
  return formatDuration(Math.max(0, end - Date.parse(job.startedAt)));
}
