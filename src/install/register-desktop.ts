// Adds, updates or removes our server in Claude Desktop's config file without disturbing anything else in it.
import { constants as fsConstants, existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import writeFileAtomic from 'write-file-atomic';
import { resolveClaudeCli } from '../claude/resolve-cli.js';
import { findPackageRoot } from '../package-root.js';
import { findDesktopConfig, type DesktopVariant } from './desktop-config-path.js';

export const DEFAULT_SERVER_NAME = 'claude-async';
const ENTRY_FROM_PACKAGE_ROOT = ['dist', 'src', 'cli', 'main.js'] as const;
// The same rule `claude mcp add` enforces, so a name accepted here works in both hosts.
const SERVER_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export interface ServerEntry {
  type?: 'stdio';
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export type ConfigAction = 'added' | 'updated' | 'unchanged' | 'removed' | 'absent';

export interface ConfigChange {
  configPath: string;
  action: ConfigAction;
  backupPath?: string;
  before?: unknown;
  after?: ServerEntry;
}

export interface ApplyServerEntryOptions {
  file: string;
  name: string;
  // 'remove' deletes the entry; a function builds the new entry from the one already there (undefined when none).
  apply: 'remove' | ((existing: unknown) => ServerEntry);
  dryRun?: boolean;
  now?: Date;
}

export interface RegisterDesktopOptions {
  name?: string;
  dryRun?: boolean;
  uninstall?: boolean;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
  entryPath?: string;
  nodePath?: string;
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

// Thrown when a config file cannot be used as it is; the message is meant to be shown to the user as-is.
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

interface JsonFormat {
  indent: string;
  eol: string;
  bom: boolean;
  finalNewline: boolean;
}

interface LoadedConfig {
  exists: boolean;
  config: Record<string, unknown>;
  servers: Record<string, unknown> | undefined;
  format: JsonFormat;
}

type JsonObject = Record<string, unknown>;

export async function registerDesktop(options: RegisterDesktopOptions = {}): Promise<DesktopReport> {
  const name = checkServerName(options.name ?? DEFAULT_SERVER_NAME);
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const dryRun = options.dryRun ?? false;
  const location = findDesktopConfig({ platform, env, home, exists: options.exists });
  const warnings: string[] = [];
  const apply = options.uninstall ? 'remove' : planDesktopEntry(options, { platform, env, home }, warnings);
  const change = await applyServerEntry({ file: location.path, name, apply, dryRun, now: options.now ?? new Date() });
  return {
    ...change,
    name,
    variant: location.variant,
    dryRun,
    summary: describeChange(name, change, dryRun),
    ...(location.note ? { note: location.note } : {}),
    warnings,
    nextSteps: listDesktopNextSteps(location.variant, location.path, change.action, dryRun),
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
  if (!cli.found) {
    warnings.push(
      `The claude CLI was not found, so the entry has no CLAUDE_CLI_PATH and claude-async will have to find claude on ` +
        `Claude Desktop's short PATH, which usually fails. ${cli.message} Then run this again.`,
    );
  }
  return (existing) => buildServerEntry({ nodePath, entryPath, claudePath: cli.found ? cli.path : undefined, existing });
}

export interface BuildServerEntryOptions {
  nodePath: string;
  entryPath: string;
  claudePath?: string | undefined;
  existing?: unknown;
  withType?: boolean;
}

// Hand-added env settings on our existing entry survive a re-run; only CLAUDE_CLI_PATH is ours to set.
export function buildServerEntry({ nodePath, entryPath, claudePath, existing, withType = false }: BuildServerEntryOptions): ServerEntry {
  const env: Record<string, string> = { ...readStringEnv(existing) };
  delete env.CLAUDE_CLI_PATH;
  if (claudePath) env.CLAUDE_CLI_PATH = claudePath;
  return {
    ...(withType ? { type: 'stdio' as const } : {}),
    command: nodePath,
    args: [entryPath],
    ...(Object.keys(env).length > 0 ? { env } : {}),
  };
}

function readStringEnv(existing: unknown): Record<string, string> {
  if (!isJsonObject(existing) || !isJsonObject(existing.env)) return {};
  return Object.fromEntries(Object.entries(existing.env).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
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

export function checkServerName(name: string): string {
  if (SERVER_NAME_PATTERN.test(name)) return name;
  throw new Error(`Invalid server name '${name}': use only letters, digits, '-' and '_' (for example 'claude-async').`);
}

// The package root is found from the module's own location, so this is right both from src (tests) and from dist.
export function findPackageEntry(from?: string): string {
  const start = from === undefined ? undefined : path.dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  try {
    return path.join(start === undefined ? findPackageRoot() : findPackageRoot(start), ...ENTRY_FROM_PACKAGE_ROOT);
  } catch (error) {
    throw new Error(`Could not find the claude-async package.json above ${start ?? 'this module'} (${describeError(error)}); pass the server entry path explicitly.`);
  }
}

// Shared by the Desktop and the project (.mcp.json) registrations: both files hold a top-level mcpServers object.
export async function applyServerEntry({ file, name, apply, dryRun = false, now = new Date() }: ApplyServerEntryOptions): Promise<ConfigChange> {
  const loaded = await loadConfig(file);
  const before = loaded.servers && Object.hasOwn(loaded.servers, name) ? loaded.servers[name] : undefined;
  const after = apply === 'remove' ? undefined : apply(before);
  const action = decideAction(before, after, apply === 'remove');
  const base = { configPath: file, action, ...(before !== undefined ? { before } : {}), ...(after ? { after } : {}) };
  if (dryRun || action === 'unchanged' || action === 'absent') return base;
  const servers = after ? { ...loaded.servers, [name]: after } : withoutKey(loaded.servers ?? {}, name);
  const backupPath = loaded.exists ? await backupFile(file, now) : undefined;
  if (!loaded.exists) await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, serializeConfig({ ...loaded.config, mcpServers: servers }, loaded.format));
  return { ...base, ...(backupPath ? { backupPath } : {}) };
}

function decideAction(before: unknown, after: ServerEntry | undefined, removing: boolean): ConfigAction {
  if (removing) return before === undefined ? 'absent' : 'removed';
  if (before === undefined) return 'added';
  return isDeepStrictEqual(before, after) ? 'unchanged' : 'updated';
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([candidate]) => candidate !== key));
}

async function loadConfig(file: string): Promise<LoadedConfig> {
  const text = await readConfigText(file);
  if (text === undefined) return { exists: false, config: {}, servers: undefined, format: DEFAULT_FORMAT };
  const config = parseConfig(file, text);
  return { exists: true, config, servers: readServers(file, config), format: detectFormat(text) };
}

const DEFAULT_FORMAT: JsonFormat = { indent: '  ', eol: '\n', bom: false, finalNewline: true };

async function readConfigText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isErrnoError(error) && error.code === 'ENOENT') return undefined;
    throw new ConfigFileError(file, `Cannot read ${file}: ${describeError(error)}. Nothing was changed. Check the file's permissions and try again.`);
  }
}

function parseConfig(file: string, text: string): JsonObject {
  const body = stripBom(text);
  // An empty file carries nothing to preserve; editors and installers sometimes leave one behind.
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ConfigFileError(
      file,
      `Cannot update ${file}: it is not valid JSON (${describeJsonError(error, body)}). Nothing was changed. ` +
        `Fix the file by hand (or move it aside to start fresh) and run this again.`,
    );
  }
  if (!isJsonObject(parsed)) {
    throw new ConfigFileError(
      file,
      `Cannot update ${file}: its top level is ${describeJsonType(parsed)}, but it must be a JSON object ({ ... }). ` +
        `Nothing was changed. Fix the file by hand and run this again.`,
    );
  }
  return parsed;
}

function readServers(file: string, config: JsonObject): JsonObject | undefined {
  if (!Object.hasOwn(config, 'mcpServers')) return undefined;
  const servers = config.mcpServers;
  if (isJsonObject(servers)) return servers;
  throw new ConfigFileError(
    file,
    `Cannot update ${file}: "mcpServers" is ${describeJsonType(servers)}, but it must be an object mapping server ` +
      `names to { "command", "args", "env" }. Nothing was changed. Fix that key by hand and run this again.`,
  );
}

// Older V8 (Node 20) reports only a character position; a line and column is what a person can find in an editor.
function describeJsonError(error: unknown, text: string): string {
  const message = describeError(error);
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

// Keeping the file's own indentation, line endings and BOM keeps the diff for the user down to our entry.
function detectFormat(text: string): JsonFormat {
  const indent = /^([ \t]+)\S/m.exec(stripBom(text))?.[1] ?? DEFAULT_FORMAT.indent;
  return {
    indent,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    bom: text.startsWith('\uFEFF'),
    finalNewline: text.trim() === '' || /\n$/.test(text),
  };
}

function serializeConfig(config: JsonObject, format: JsonFormat): string {
  const body = JSON.stringify(config, null, format.indent).replace(/\n/g, format.eol);
  return `${format.bom ? '\uFEFF' : ''}${body}${format.finalNewline ? format.eol : ''}`;
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

// The copy keeps the original's permissions (copyFile carries the mode), since these files may hold other servers' secrets.
async function backupFile(file: string, now: Date): Promise<string> {
  const stem = `${file}.bak-${formatTimestamp(now)}`;
  for (let attempt = 1; ; attempt += 1) {
    const candidate = attempt === 1 ? stem : `${stem}-${attempt}`;
    try {
      await copyFile(file, candidate, fsConstants.COPYFILE_EXCL);
      return candidate;
    } catch (error) {
      if (!(isErrnoError(error) && error.code === 'EEXIST')) {
        throw new ConfigFileError(file, `Cannot back up ${file} to ${candidate}: ${describeError(error)}. Nothing was changed.`);
      }
    }
  }
}

export function formatTimestamp(now: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  return `${date}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
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

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrnoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
