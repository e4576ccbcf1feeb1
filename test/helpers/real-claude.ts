// Runs the Claude Code CLI installed in this repo's node_modules against a loopback stand-in, never the internet.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The native binary itself, not a `claude` found on PATH, so tests pin the version in package-lock.json.
export const REAL_CLAUDE_BIN = path.join(repoRoot, 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe');

export interface RealClaudeEnvOptions {
  // The stand-in's url, e.g. http://127.0.0.1:PORT.
  baseUrl: string;
  // As root, --dangerously-skip-permissions is refused unless IS_SANDBOX=1; false leaves it out.
  sandbox?: boolean;
  // Added last, so a test can override anything (e.g. CLAUDE_CODE_MAX_RETRIES).
  extra?: Record<string, string>;
  // The environment to start from; the caller's own by default.
  parent?: NodeJS.ProcessEnv;
}

export interface RealClaudeEnv {
  env: NodeJS.ProcessEnv;
  // The temporary HOME; CLAUDE_CONFIG_DIR is its .claude folder.
  home: string;
  configDir: string;
  cleanup(): void;
}

// Variables that would point the CLI elsewhere or mark it as a nested session: an outer Claude Code's
// CLAUDECODE/CLAUDE_CODE_*, the caller's API keys, models or config dirs (XDG_* would lead back to the real
// user's), proxies that could carry loopback traffic away, and an inherited IS_SANDBOX that sandbox: false must drop.
const SCRUBBED = /^(CLAUDE|ANTHROPIC_|XDG_|IS_SANDBOX$|HTTPS?_PROXY$|ALL_PROXY$|NO_PROXY$)/i;

// Turns off the CLI's traffic beyond the Messages API. CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC alone stops the
// telemetry, error reports, update checks and the HEAD /api/hello probe; the others are belt and braces.
const QUIET = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
  DISABLE_AUTOUPDATER: '1',
};

export function createRealClaudeEnv({ baseUrl, sandbox = true, extra = {}, parent = process.env }: RealClaudeEnvOptions): RealClaudeEnv {
  const home = mkdtempSync(path.join(tmpdir(), 'real-claude-home-'));
  const configDir = path.join(home, '.claude');
  // The CLI keeps sockets, a per-user scratch dir and shell cwd files under TMPDIR; inside home they go with cleanup.
  const tmp = path.join(home, 'tmp');
  mkdirSync(tmp);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value !== undefined && !SCRUBBED.test(key)) env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    CLAUDE_CONFIG_DIR: configDir,
    TMPDIR: tmp,
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: 'dummy',
    // The CLI retries 5xx and 401 for a minute or more; tests want the failure at once.
    CLAUDE_CODE_MAX_RETRIES: '0',
    NO_PROXY: '127.0.0.1,localhost',
    ...QUIET,
    ...(sandbox ? { IS_SANDBOX: '1' } : {}),
    ...extra,
  });
  return { env, home, configDir, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}
