// The bench's answer: one row per target, as a Markdown table (ready for the README) and as JSON.
import type { Machine } from './machine.js';
import type { Summary } from './stats.js';

export interface Row {
  measure: string;
  target: string;
  // Timing rows carry their samples' summary; the figure is what the target is judged on.
  summary?: Summary;
  unit?: string;
  // Median CPU the server spent per tool call, where the row times tool calls.
  serverCpuMs?: number;
  figure: string;
  pass: boolean;
}

export interface BenchReport {
  machine: Machine;
  filesystem: string;
  ranAt: string;
  durationS: number;
  // 1, 5 and 15 minute load averages: other work on the machine shows here, and in every wall-clock figure.
  loadAverage: { before: number[]; after: number[] };
  rows: Row[];
  notes: string[];
}

export const formatNumber = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

function cells(row: Row): string[] {
  const { summary, unit = '' } = row;
  const stat = (value: number | undefined) => (value === undefined ? '' : `${formatNumber(value)} ${unit}`.trim());
  const cpu = row.serverCpuMs === undefined ? '' : `${formatNumber(row.serverCpuMs)} ms`;
  return [row.measure, row.target, stat(summary?.median), stat(summary?.p95), summary ? String(summary.runs) : '', cpu, row.figure, row.pass ? 'PASS' : 'FAIL'];
}

export function formatTable(report: BenchReport): string {
  const { machine, loadAverage } = report;
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  const header = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, Node ${machine.node}, ${machine.kernel}`,
    `Job directory on ${report.filesystem}; load average ${load(loadAverage.before)} before, ${load(loadAverage.after)} after; ran ${report.ranAt} in ${report.durationS.toFixed(0)} s.`,
    '',
    '| measure | target | median | p95 | runs | server CPU/call | figure | result |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = report.rows.map((row) => `| ${cells(row).join(' | ')} |`);
  const notes = report.notes.map((note) => `- ${note}`);
  return [...header, ...rows, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
