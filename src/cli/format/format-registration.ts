// What a registration did (or would do), for a person: the file, the change, backups, warnings and next steps.
import type { RegisterCodeReport } from '../../install/register-code.js';
import type { DesktopReport } from '../../install/register-desktop.js';
import type { ServerEntry } from '../../install/server-entry.js';
import type { Colors } from '../pick-colors.js';

export function formatDesktopReport(report: DesktopReport, colors: Colors): string[] {
  const entry = report.action === 'added' || report.action === 'updated' ? formatEntry(report.after) : [];
  return [report.summary, ...entry, ...formatNotes(report, colors)];
}

export function formatCodeReport(report: RegisterCodeReport, colors: Colors): string[] {
  const scope = `Claude Code (${report.scope} scope)`;
  const lines = report.command ? describeCliRun(report, scope) : [describeFileChange(report, scope)];
  if (report.configPath) lines.push(`config: ${report.configPath}`);
  if (report.backupPath) lines.push(`backup: ${report.backupPath}`);
  return [...lines, ...formatNotes(report, colors)];
}

// User and local scope go through `claude mcp add`; the report says what ran (or would run).
function describeCliRun(report: RegisterCodeReport, scope: string): string[] {
  const add = `  ${quoteCommand(report.command ?? [])}`;
  if (report.action === 'planned') {
    const remove = report.removeCommand ? [`  ${quoteCommand(report.removeCommand)}   (drops an older entry of that name, if any)`] : [];
    return [`Would register '${report.name}' with ${scope} by running:`, ...remove, add];
  }
  const replaced = report.action === 'replaced' ? ', replacing the entry of that name' : '';
  return [`Registered '${report.name}' with ${scope}${replaced}; ran:`, add];
}

// Project scope edits .mcp.json directly.
function describeFileChange(report: RegisterCodeReport, scope: string): string {
  const file = report.configPath ?? '.mcp.json';
  const verb = VERBS[report.action];
  if (verb) return `${report.dryRun ? verb.would : verb.did} '${report.name}' ${verb.preposition} ${file} for ${scope}.`;
  if (report.action === 'unchanged') return `'${report.name}' is already in ${file} with these settings; nothing was written.`;
  return `'${report.name}' is not in ${file}; nothing was written.`;
}

const VERBS: Partial<Record<RegisterCodeReport['action'], { would: string; did: string; preposition: string }>> = {
  added: { would: 'Would add', did: 'Added', preposition: 'to' },
  updated: { would: 'Would update', did: 'Updated', preposition: 'in' },
  removed: { would: 'Would remove', did: 'Removed', preposition: 'from' },
};

function formatEntry(entry: ServerEntry | undefined): string[] {
  if (!entry) return [];
  const env = Object.entries(entry.env ?? {}).map(([key, value]) => `${key}=${value}`);
  return [`  command: ${entry.command}`, `  args:    ${entry.args.join(' ')}`, ...(env.length > 0 ? [`  env:     ${env.join(' ')}`] : [])];
}

function formatNotes(report: { note?: string; warnings: string[]; nextSteps: string[] }, colors: Colors): string[] {
  return [
    ...(report.note ? [`${colors.bold('note:')} ${report.note}`] : []),
    ...report.warnings.map((warning) => `${colors.yellow('warning:')} ${warning}`),
    ...(report.nextSteps.length > 0 ? [colors.bold('next:'), ...report.nextSteps.map((step) => `  - ${step}`)] : []),
  ];
}

// For display only: the commands run without a shell.
function quoteCommand(args: string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./\\-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
