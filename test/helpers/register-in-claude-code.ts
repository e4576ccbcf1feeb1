// Registers our built server with the bed's real Claude Code (`claude mcp add -s user`), with what its jobs need to
// run the same CLI against the same stand-in.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { distPath } from '../../src/package-root.js';
import type { Bed } from './e2e-bed.js';
import { REAL_CLAUDE_BIN } from './real-claude.js';

const run = promisify(execFile);

export interface Registration {
  // The environment registered with -e: our server gets the CLI's own from its host, plus this.
  registered: Record<string, string>;
  entry: string;
  stdout: string;
}

export async function registerInClaudeCode(tb: Bed, server: string): Promise<Registration> {
  const registered = {
    CLAUDE_CLI_PATH: REAL_CLAUDE_BIN,
    CLAUDE_ASYNC_JOB_DIR: tb.root.jobDir,
    CLAUDE_ASYNC_DEFAULT_CWD: tb.workDir,
    CLAUDE_ASYNC_CHILD_CLAUDE_CODE_MAX_RETRIES: '0',
    CLAUDE_ASYNC_CHILD_CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    ANTHROPIC_BASE_URL: tb.api.url,
    ANTHROPIC_API_KEY: 'dummy',
    IS_SANDBOX: '1',
  };
  const entry = distPath('src', 'cli', 'main.js');
  const envFlags = Object.entries(registered).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  // -e must come after the server's name (it takes several values).
  const added = await run(REAL_CLAUDE_BIN, ['mcp', 'add', '-s', 'user', server, ...envFlags, '--', process.execPath, entry], { env: tb.claude.env, cwd: tb.workDir, timeout: 30_000 });
  return { registered, entry, stdout: added.stdout };
}
