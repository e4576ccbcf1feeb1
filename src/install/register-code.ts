// Registers our server with Claude Code: through `claude mcp add` for user and local scope, by editing .mcp.json for
// project scope.
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import path from 'node:path';
import { resolveClaudeCli } from '../claude/resolve-cli.js';
import { findHostConfig } from './host-configs.js';
import { applyServerEntry, type ConfigAction } from './mcp-servers-file.js';
import { buildServerEntry, checkServerName, DEFAULT_SERVER_NAME, findPackageEntry, planServerEnv } from './server-entry.js';

export type CodeScope = 'user' | 'project' | 'local';
const SCOPES: readonly CodeScope[] = ['user', 'project', 'local'];
const CLI_TIMEOUT_MS = 60_000;

export interface RegisterCodeOptions {
  scope: CodeScope;
  name?: string;
  claudePath?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  entryPath?: string;
  nodePath?: string;
  // The user the host will run the server as; defaults to ours.
  uid?: number | undefined;
  dryRun?: boolean;
  now?: Date;
}

export interface RegisterCodeReport {
  scope: CodeScope;
  name: string;
  dryRun: boolean;
  // 'replaced': an entry of that name existed and was removed before adding ours; 'planned': dry run through the CLI.
  action: ConfigAction | 'replaced' | 'planned';
  configPath?: string;
  command?: string[];
  removeCommand?: string[];
  backupPath?: string;
  warnings: string[];
  nextSteps: string[];
}

interface CliResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  exitCode: number | string | null;
  timedOut: boolean;
}

export async function registerCode(options: RegisterCodeOptions): Promise<RegisterCodeReport> {
  const scope = checkScope(options.scope);
  const name = checkServerName(options.name ?? DEFAULT_SERVER_NAME);
  const env = options.env ?? process.env;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const nodePath = options.nodePath ?? process.execPath;
  const entryPath = options.entryPath ?? findPackageEntry();
  const warnings: string[] = [];
  const claude = findClaude(options.claudePath, env);
  if (claude.skipped) warnings.push(claude.skipped);
  const uid = 'uid' in options ? options.uid : process.getuid?.();
  const common = { scope, name, dryRun: options.dryRun ?? false, warnings, uid };
  if (scope === 'project') {
    // Project scope only needs claude for CLAUDE_CLI_PATH, so a missing CLI is a warning there.
    if (claude.path === undefined) warnings.push(`The claude CLI was not found, so the entry has no CLAUDE_CLI_PATH. ${claude.message}`);
    return registerProject({ ...common, cwd, nodePath, entryPath, claudePath: claude.path, now: options.now ?? new Date() });
  }
  if (claude.path === undefined) throw new Error(`Cannot register with Claude Code: ${claude.message}`);
  return registerThroughCli({ ...common, cwd, env, nodePath, entryPath, claudePath: claude.path });
}

function checkScope(scope: string): CodeScope {
  if ((SCOPES as readonly string[]).includes(scope)) return scope as CodeScope;
  throw new Error(`Invalid scope '${scope}': use one of ${SCOPES.join(', ')} (user is available in all your projects).`);
}

function findClaude(explicit: string | undefined, env: NodeJS.ProcessEnv): ({ path: string } | { path: undefined; message: string }) & { skipped?: string } {
  if (explicit) return { path: explicit };
  const cli = resolveClaudeCli({ env });
  const skipped = cli.skipped ? { skipped: cli.skipped } : {};
  return cli.found ? { path: cli.path, ...skipped } : { path: undefined, message: cli.message, ...skipped };
}

interface ProjectPlan {
  scope: CodeScope;
  name: string;
  dryRun: boolean;
  warnings: string[];
  cwd: string;
  nodePath: string;
  entryPath: string;
  claudePath: string | undefined;
  uid: number | undefined;
  now: Date;
}

async function registerProject(plan: ProjectPlan): Promise<RegisterCodeReport> {
  const file = findHostConfig('code-project', { platform: process.platform, env: {}, home: homedir(), cwd: plan.cwd }).file;
  const env = planServerEnv({ claudePath: plan.claudePath, uid: plan.uid });
  const change = await applyServerEntry({
    file,
    name: plan.name,
    dryRun: plan.dryRun,
    now: plan.now,
    apply: (existing) =>
      buildServerEntry({ command: plan.nodePath, entryPath: plan.entryPath, env, existing, withType: true }),
  });
  plan.warnings.push(
    `${file} ${plan.dryRun ? 'would hold' : 'holds'} absolute paths from this machine (${plan.nodePath}, ${plan.entryPath}); commit it only if everyone ` +
      `who uses this project has the same layout.`,
  );
  return {
    scope: plan.scope,
    name: plan.name,
    dryRun: plan.dryRun,
    action: change.action,
    configPath: file,
    ...(change.backupPath ? { backupPath: change.backupPath } : {}),
    warnings: plan.warnings,
    nextSteps: [
      `cd ${quoteArg(plan.cwd)} && claude mcp list`,
      `Start claude in ${plan.cwd} and approve '${plan.name}' when asked: servers from .mcp.json wait for approval ` +
        `(claude mcp list shows them as "Pending approval" until then).`,
    ],
  };
}

interface CliPlan {
  scope: CodeScope;
  name: string;
  dryRun: boolean;
  warnings: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  nodePath: string;
  entryPath: string;
  claudePath: string;
  uid: number | undefined;
}

async function registerThroughCli(plan: CliPlan): Promise<RegisterCodeReport> {
  const removeArgs = ['mcp', 'remove', '-s', plan.scope, plan.name];
  // -e takes several values, so it must come after the name or it swallows the name as one more KEY=VALUE.
  const entry = buildServerEntry({ command: plan.nodePath, entryPath: plan.entryPath, env: planServerEnv({ claudePath: plan.claudePath, uid: plan.uid }) });
  const settings = Object.entries(entry.env ?? {}).map(([key, value]) => `${key}=${value}`);
  const addArgs = ['mcp', 'add', '-s', plan.scope, plan.name, '-e', ...settings, '--', entry.command, ...entry.args];
  const base = {
    scope: plan.scope,
    name: plan.name,
    dryRun: plan.dryRun,
    configPath: findHostConfig('code-user', { platform: process.platform, env: plan.env, home: homedir(), cwd: plan.cwd }).file,
    command: [plan.claudePath, ...addArgs],
    warnings: plan.warnings,
    nextSteps: listCliNextSteps(plan.scope, plan.cwd),
  };
  if (plan.dryRun) return { ...base, action: 'planned', removeCommand: [plan.claudePath, ...removeArgs] };
  // Removing first makes re-running idempotent; a failed remove just means there was nothing to remove.
  const removal = await runClaude(plan.claudePath, removeArgs, plan);
  const added = await runClaude(plan.claudePath, addArgs, plan);
  if (!added.ok) throw new Error(describeCliFailure(plan.claudePath, addArgs, added, removal));
  return { ...base, action: removal.ok ? 'replaced' : 'added', ...(removal.ok ? { removeCommand: [plan.claudePath, ...removeArgs] } : {}) };
}

function listCliNextSteps(scope: CodeScope, cwd: string): string[] {
  if (scope === 'local') {
    return [
      `cd ${quoteArg(cwd)} && claude mcp list`,
      `Start a new claude session in ${cwd} (local scope applies to that folder only); /mcp inside it shows the server's status.`,
    ];
  }
  return ['claude mcp list', 'Start a new claude session (running sessions keep the servers they started with); /mcp inside it shows the status.'];
}

function runClaude(claudePath: string, args: string[], plan: CliPlan): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      claudePath,
      args,
      { cwd: plan.cwd, env: plan.env, timeout: CLI_TIMEOUT_MS, maxBuffer: 10 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const exitCode = error ? (error.code ?? error.signal ?? null) : 0;
        resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr), exitCode, timedOut: error?.killed === true });
      },
    );
  });
}

function describeCliFailure(claudePath: string, args: string[], added: CliResult, removal: CliResult): string {
  const ran = [claudePath, ...args].map(quoteArg).join(' ');
  if (added.exitCode === 'ENOENT' || added.exitCode === 'EACCES') {
    return `Could not run the claude CLI at ${claudePath} (${added.exitCode}). Set CLAUDE_CLI_PATH to the claude binary and try again.`;
  }
  if (added.timedOut) {
    return `'claude mcp add' did not finish within ${CLI_TIMEOUT_MS / 1000}s and was stopped. Command: ${ran}. Run it by hand to see where it hangs.`;
  }
  const output = (added.stderr.trim() || added.stdout.trim() || '(no output)').replace(/\s+$/, '');
  return `'claude mcp add' failed (exit ${String(added.exitCode)}): ${output}. Command: ${ran}.${describeRemoval(removal)}`;
}

// A failed add after a successful remove leaves no entry at all, which the user needs to know.
function describeRemoval(removal: CliResult): string {
  if (removal.ok) return ' The existing entry of that name had already been removed; run this again once the problem is fixed.';
  if (/no mcp server named/i.test(removal.stderr)) return '';
  return ` The remove step before it also failed: ${removal.stderr.trim() || '(no output)'}`;
}

// For display only: the commands run without a shell.
function quoteArg(arg: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
