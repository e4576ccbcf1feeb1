// The board page: a table of jobs refreshed every second or two, a transcript pane for one job, and cancel.
import type { BoardJob } from '../read-board.js';
import { connectBoardSource, type BoardSource } from './board-source.js';

const REFRESH_MS = 1500;
const ENDED = new Set(['completed', 'failed', 'cancelled', 'timed_out', 'orphaned', 'unknown']);

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

let shownJobId: string | undefined;

function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d`;
}

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function button(label: string, testId: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.testid = testId;
  b.addEventListener('click', onClick);
  return b;
}

function renderRow(job: BoardJob, now: number, source: BoardSource): HTMLTableRowElement {
  const row = document.createElement('tr');
  row.className = 'job';
  row.dataset.jobId = job.jobId;
  row.dataset.status = job.status;
  const started = job.startedAt ? Date.parse(job.startedAt) : undefined;
  const ran = started === undefined ? '' : formatSpan((job.endedAt ? Date.parse(job.endedAt) : now) - started);
  const status = cell(job.status.replace('_', ' '), `status ${job.status}`);
  status.dataset.testid = 'status';
  if (job.reason) status.title = job.reason;
  const id = document.createElement('td');
  const code = document.createElement('code');
  code.textContent = job.jobId;
  id.append(code);
  const prompt = cell(job.promptSummary ?? '', 'prompt');
  prompt.title = job.promptSummary ?? '';
  const actions = document.createElement('td');
  actions.append(button('transcript', 'open', () => void showTranscript(source, job.jobId)));
  if (!ENDED.has(job.status)) actions.append(' ', button('cancel', 'cancel', () => void cancel(source, job.jobId)));
  row.append(
    status,
    id,
    cell(job.createdAt ? formatSpan(now - Date.parse(job.createdAt)) : '', 'num'),
    cell(ran, 'num'),
    cell(job.costUsd === undefined ? '' : `$${job.costUsd.toFixed(4)}`, 'num'),
    prompt,
    cell(job.activity ?? job.reason ?? '', 'activity'),
    actions,
  );
  return row;
}

async function refresh(source: BoardSource): Promise<void> {
  try {
    const board = await source.readBoard();
    const now = Date.now();
    byId('jobs').replaceChildren(...board.jobs.map((job) => renderRow(job, now, source)));
    byId('empty').hidden = board.jobs.length > 0;
    const running = board.jobs.filter((job) => job.status === 'running').length;
    const queued = board.jobs.filter((job) => job.status === 'queued').length;
    byId('summary').textContent = `${board.total} jobs · ${running} running · ${queued} queued · updated ${new Date(board.readAt).toLocaleTimeString()}`;
    byId('error').hidden = true;
    if (shownJobId) await showTranscript(source, shownJobId);
  } catch (error) {
    showError(error);
  }
}

async function showTranscript(source: BoardSource, jobId: string): Promise<void> {
  shownJobId = jobId;
  const transcript = await source.readTranscript(jobId);
  byId('transcript').hidden = false;
  byId('transcript-title').textContent = `${jobId}${transcript.cut ? ' (the newest part)' : ''}`;
  const pre = byId<HTMLPreElement>('transcript-lines');
  const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  pre.textContent = transcript.lines.join('\n') || '(nothing written yet)';
  if (atBottom) pre.scrollTop = pre.scrollHeight;
}

async function cancel(source: BoardSource, jobId: string): Promise<void> {
  try {
    await source.cancel(jobId);
    await refresh(source);
  } catch (error) {
    showError(error);
  }
}

function showError(error: unknown): void {
  const box = byId('error');
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
}

async function start(): Promise<void> {
  byId('transcript-close').addEventListener('click', () => {
    shownJobId = undefined;
    byId('transcript').hidden = true;
  });
  const source = await connectBoardSource(window.location);
  await refresh(source);
  setInterval(() => void refresh(source), REFRESH_MS);
}

start().catch(showError);
