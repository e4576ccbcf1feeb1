// The doctor's report: one line per finding with its level, the fix indented under it, and a closing count.
import type { Finding, FindingLevel } from '../doctor/finding.js';
import type { Colors } from '../pick-colors.js';

export function formatFindings(findings: Finding[], colors: Colors): string[] {
  const paint: Record<FindingLevel, (text: string) => string> = { ok: colors.green, warn: colors.yellow, fail: colors.red };
  const lines = findings.flatMap((finding) => [
    `${paint[finding.level](finding.level.padEnd(4))}  ${finding.text}`,
    ...(finding.fix ? [`      ${colors.dim('fix:')} ${finding.fix}`] : []),
  ]);
  const fails = findings.filter((finding) => finding.level === 'fail').length;
  const warns = findings.filter((finding) => finding.level === 'warn').length;
  const verdict = fails > 0 ? colors.red(`${count(fails, 'failure')}, ${count(warns, 'warning')}`) : warns > 0 ? colors.yellow(`no failures, ${count(warns, 'warning')}`) : colors.green('all good');
  return [...lines, verdict];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
