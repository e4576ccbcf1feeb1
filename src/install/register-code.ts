// Registers our server with Claude Code: through `claude mcp add` for user and local scope, by editing .mcp.json for
// project scope.
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import path from 'node:path';
import { resolveClaudeCli } from '../claude/resolve-cli.js';
import {
  DEFAULT_SERVER_NAME,
  applyServerEntry,
  buildServerEntry,
  checkServerName,
  findPackageEntry,
  type ConfigAction,
} from './register-desktop.js';

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
  const common = { scope, name, dryRun: options.dryRun ?? false, warnings };
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

function findClaude(explicit: string | undefined, env: NodeJS.ProcessEnv): { path: string } | { path: undefined; message: string } {
  if (explicit) return { path: explicit };
  const cli = resolveClaudeCli({ env });
  return cli.found ? { path: cli.path } : { path: undefined, message: cli.message };
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
  now: Date;
}

async function registerProject(plan: ProjectPlan): Promise<RegisterCodeReport> {
  const file = path.join(plan.cwd, '.mcp.json');
  const change = await applyServerEntry({
    file,
    name: plan.name,
    dryRun: plan.dryRun,
    now: plan.now,
    apply: (existing) =>
      buildServerEntry({ nodePath: plan.nodePath, entryPath: plan.entryPath, claudePath: plan.claudePath, existing, withType: true }),
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
}

async function registerThroughCli(plan: CliPlan): Promise<RegisterCodeReport> {
  const removeArgs = ['mcp', 'remove', '-s', plan.scope, plan.name];
  // -e takes several values, so it must come after the name or it swallows the name as one more KEY=VALUE.
  const addArgs = ['mcp', 'add', '-s', plan.scope, plan.name, '-e', `CLAUDE_CLI_PATH=${plan.claudePath}`, '--', plan.nodePath, plan.entryPath];
  const base = {
    scope: plan.scope,
    name: plan.name,
    dryRun: plan.dryRun,
    configPath: findClaudeUserConfig(plan.env),
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

// Claude Code keeps user and local servers in one file: CLAUDE_CONFIG_DIR/.claude.json, else ~/.claude.json.
export function findClaudeUserConfig(env: NodeJS.ProcessEnv): string {
  const configDir = env.CLAUDE_CONFIG_DIR?.trim();
  if (configDir) return path.join(configDir, '.claude.json');
  return path.join(env.HOME?.trim() || env.USERPROFILE?.trim() || homedir(), '.claude.json');
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
