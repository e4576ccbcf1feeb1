// Adds, updates or removes our server in Claude Desktop's config file without disturbing anything else in it.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolveClaudeCli } from '../claude/resolve-cli.js';
import type { DesktopVariant } from './desktop-config-path.js';
import { findHostConfig } from './host-configs.js';
import { applyServerEntry, type ConfigAction, type ConfigChange } from './mcp-servers-file.js';
import { buildServerEntry, checkServerName, DEFAULT_SERVER_NAME, findPackageEntry, planServerEnv, type ServerEntry } from './server-entry.js';

export interface RegisterDesktopOptions {
  name?: string;
  dryRun?: boolean;
  uninstall?: boolean;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
  entryPath?: string;
  nodePath?: string;
  // The user Desktop runs as; defaults to ours.
  uid?: number | undefined;
  now?: Date;
  exists?: (file: string) => boolean;
}

export interface DesktopReport extends ConfigChange {
  name: string;
  variant: DesktopVariant;
  dryRun: boolean;
  summary: string;
  note?: string;
  warnings: string[];
  nextSteps: string[];
}

export async function registerDesktop(options: RegisterDesktopOptions = {}): Promise<DesktopReport> {
  const name = checkServerName(options.name ?? DEFAULT_SERVER_NAME);
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const dryRun = options.dryRun ?? false;
  const config = findHostConfig('desktop', { platform, env, home, cwd: process.cwd(), exists: options.exists });
  const warnings: string[] = [];
  const apply = options.uninstall ? 'remove' : planDesktopEntry(options, { platform, env, home }, warnings);
  const change = await applyServerEntry({ file: config.file, name, apply, dryRun, now: options.now ?? new Date() });
  const variant = config.desktopVariant ?? 'linux';
  return {
    ...change,
    name,
    variant,
    dryRun,
    summary: describeChange(name, change, dryRun),
    ...(config.note ? { note: config.note } : {}),
    warnings,
    nextSteps: listDesktopNextSteps(variant, config.file, change.action, dryRun),
  };
}

function planDesktopEntry(
  options: RegisterDesktopOptions,
  host: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; home: string },
  warnings: string[],
): (existing: unknown) => ServerEntry {
  const nodePath = options.nodePath ?? process.execPath;
  const entryPath = options.entryPath ?? findPackageEntry();
  const cli = resolveClaudeCli(host);
  warnings.push(...checkLaunchPaths(nodePath, entryPath));
  if (cli.found && cli.skipped) warnings.push(cli.skipped);
  if (!cli.found) {
    warnings.push(
      `The claude CLI was not found, so the entry has no CLAUDE_CLI_PATH and claude-async will have to find claude on ` +
        `Claude Desktop's short PATH, which usually fails. ${cli.message} Then run this again.`,
    );
  }
  const uid = 'uid' in options ? options.uid : process.getuid?.();
  const env = planServerEnv({ claudePath: cli.found ? cli.path : undefined, uid });
  return (existing) => buildServerEntry({ command: nodePath, entryPath, env, existing });
}

// Desktop keeps these paths until the next registration, so anything that may move later deserves a warning.
function checkLaunchPaths(nodePath: string, entryPath: string): string[] {
  const warnings: string[] = [];
  if (!existsSync(entryPath)) {
    warnings.push(`The server entry ${entryPath} does not exist yet. Build it (npm run build) before starting Claude Desktop.`);
  }
  const manager = /[\\/](\.nvm|\.fnm|fnm|\.volta|\.asdf|mise|nodenv|\.n)[\\/]/.exec(nodePath)?.[1];
  if (manager) {
    warnings.push(
      `Node is registered as ${nodePath}, which belongs to a version manager (${manager}). If that Node version is ` +
        `removed or upgraded, the server stops starting; run this registration again after switching Node.`,
    );
  }
  return warnings;
}

function describeChange(name: string, change: ConfigChange, dryRun: boolean): string {
  const where = change.configPath;
  const backup = change.backupPath ? ` (backup: ${change.backupPath})` : '';
  switch (change.action) {
    case 'added':
      return `${dryRun ? 'Would add' : 'Added'} '${name}' to ${where}${backup}.`;
    case 'updated':
      return `${dryRun ? 'Would update' : 'Updated'} '${name}' in ${where}${backup}.`;
    case 'removed':
      return `${dryRun ? 'Would remove' : 'Removed'} '${name}' from ${where}${backup}.`;
    case 'unchanged':
      return `'${name}' is already registered in ${where} with these settings; nothing was written.`;
    case 'absent':
      return `'${name}' is not registered in ${where}; nothing was written.`;
  }
}

function listDesktopNextSteps(variant: DesktopVariant, configPath: string, action: ConfigAction, dryRun: boolean): string[] {
  const steps: string[] = [];
  const changes = action === 'added' || action === 'updated' || action === 'removed';
  if (dryRun && changes) steps.push('This was a dry run: nothing was written. Run again without the dry-run option to apply it.');
  if (variant === 'windows-msix') {
    steps.push(
      `This is the Microsoft Store build of Claude Desktop: Settings > Developer > Edit Config opens a different file ` +
        `that this build ignores. To see or edit the real config, open ${configPath}.`,
    );
  }
  steps.push(
    'Fully quit Claude Desktop (Cmd+Q on macOS; on Windows and Linux right-click the tray icon and choose Quit; ' +
      'closing the window leaves it running), then start it again so it reloads its MCP servers.',
  );
  return steps;
}

