// Reads and edits the JSON files in which hosts keep their MCP server lists (an `mcpServers` object), changing only
// our entry: every other byte of the file (order, indentation, line endings, BOM) stays as the user left it.
import { constants as fsConstants } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { applyEdits, format, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';
import writeFileAtomic from 'write-file-atomic';
import type { ServerEntry } from './server-entry.js';

export type JsonObject = Record<string, unknown>;
export type ConfigAction = 'added' | 'updated' | 'unchanged' | 'removed' | 'absent';

// Thrown when a config file cannot be used as it is. `reason` says what is wrong with the file; the message adds
// that nothing was changed and what to do, and is meant to be shown to the user as it is.
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

export interface ServersFile {
  file: string;
  exists: boolean;
  // The text without a BOM; `bom` says whether the file had one.
  text: string;
  bom: boolean;
  config: JsonObject;
}

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

const SERVERS_KEY = 'mcpServers';
// Hosts read these files with a strict JSON parser, so comments and trailing commas are errors here too.
const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true } as const;

export async function readServersFile(file: string): Promise<ServersFile> {
  const raw = await readOptional(file);
  if (raw === undefined) return { file, exists: false, text: '', bom: false, config: {} };
  const bom = raw.startsWith('\uFEFF');
  const text = bom ? raw.slice(1) : raw;
  return { file, exists: true, text, bom, config: parseConfig(file, text) };
}

// The server list at `at` (['mcpServers'] in most files); undefined when the file has none there yet.
export function pickServers(loaded: ServersFile, at: readonly string[] = [SERVERS_KEY]): JsonObject | undefined {
  let value: unknown = loaded.config;
  for (const key of at) {
    if (!isJsonObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  if (isJsonObject(value)) return value;
  const reason = `"${at.join('.')}" is ${describeJsonType(value)}, but it must be an object mapping server names to { "command", "args", "env" }`;
  throw new ConfigFileError(loaded.file, reason, `Cannot use ${loaded.file}: ${reason}. Nothing was changed. Fix that key by hand and run this again.`);
}

export async function applyServerEntry({ file, name, apply, dryRun = false, now = new Date() }: ApplyServerEntryOptions): Promise<ConfigChange> {
  const loaded = await readServersFile(file);
  const servers = pickServers(loaded);
  const before = servers && Object.hasOwn(servers, name) ? servers[name] : undefined;
  const after = apply === 'remove' ? undefined : apply(before);
  const action = decideAction(before, after, apply === 'remove');
  const base = { configPath: file, action, ...(before !== undefined ? { before } : {}), ...(after ? { after } : {}) };
  if (dryRun || action === 'unchanged' || action === 'absent') return base;
  const backupPath = loaded.exists ? await backupFile(file, now) : undefined;
  if (!loaded.exists) await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, editServers(loaded, name, after));
  return { ...base, ...(backupPath ? { backupPath } : {}) };
}

// A surgical edit of the one entry: only the inserted text is formatted, like the rest of the file. A file kept on
// one line (or a new one) has no layout to keep, so it is laid out whole.
function editServers(loaded: ServersFile, name: string, entry: ServerEntry | undefined): string {
  const options = detectFormat(loaded.text);
  const source = loaded.text.trim() === '' ? '{}' : loaded.text;
  const edits = modify(source, [SERVERS_KEY, name], entry, {});
  const edited = applyEdits(source, edits);
  const range = source.trim().includes('\n') ? edits.map((edit) => ({ offset: edit.offset, length: edit.content.length }))[0] : undefined;
  const laidOut = applyEdits(edited, format(edited, range, options));
  const ending = loaded.exists && !/\n$/.test(loaded.text) ? '' : (options.eol ?? '\n');
  return `${loaded.bom ? '\uFEFF' : ''}${laidOut.replace(/\s*$/, ending)}`;
}

function detectFormat(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function decideAction(before: unknown, after: ServerEntry | undefined, removing: boolean): ConfigAction {
  if (removing) return before === undefined ? 'absent' : 'removed';
  if (before === undefined) return 'added';
  return isDeepStrictEqual(before, after) ? 'unchanged' : 'updated';
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isErrnoError(error) && error.code === 'ENOENT') return undefined;
    const reason = `it cannot be read (${describeError(error)})`;
    throw new ConfigFileError(file, reason, `Cannot use ${file}: ${reason}. Nothing was changed. Check the file's permissions and try again.`);
  }
}

function parseConfig(file: string, text: string): JsonObject {
  // An empty file carries nothing to preserve; editors and installers sometimes leave one behind.
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const parsed: unknown = parse(text, errors, STRICT_JSON);
  const first = errors[0];
  if (first) {
    const reason = `it is not valid JSON: ${describeParseError(first.error)} at ${locate(text, first.offset)}`;
    throw new ConfigFileError(
      file,
      reason,
      `Cannot use ${file}: ${reason}. Nothing was changed. Fix the file by hand (or move it aside to start fresh) and run this again.`,
    );
  }
  if (!isJsonObject(parsed)) {
    const reason = `its top level is ${describeJsonType(parsed)}, but it must be a JSON object ({ ... })`;
    throw new ConfigFileError(file, reason, `Cannot use ${file}: ${reason}. Nothing was changed. Fix the file by hand and run this again.`);
  }
  return parsed;
}

// 'CommaExpected' reads as 'comma expected'.
function describeParseError(code: Parameters<typeof printParseErrorCode>[0]): string {
  return printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

// A line and column is what a person can find in an editor.
function locate(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line} column ${column}`;
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
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
        const reason = `it cannot be backed up to ${candidate} (${describeError(error)})`;
        throw new ConfigFileError(file, reason, `Cannot use ${file}: ${reason}. Nothing was changed.`);
      }
    }
  }
}

export function formatTimestamp(now: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  return `${date}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrnoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
