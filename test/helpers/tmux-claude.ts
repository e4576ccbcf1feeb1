// The real interactive Claude Code in a tmux session of its own (its own socket), offline against the stand-in: the
// only way to see what a person's session does, such as following a task. Every tmux server it starts is killed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REAL_CLAUDE_BIN } from './real-claude.js';
import { waitFor } from './wait-for.js';

export interface TmuxClaude {
  // Types the text, waits until the input box shows it, then presses Enter.
  type(text: string): Promise<void>;
  screen(): string;
  waitForScreen(text: string, timeoutMs?: number): Promise<string>;
  kill(): void;
}

// The tmux servers started, by pid: each is ended by its pid, and its panes (the CLI) with it.
const servers: number[] = [];

// What the CLI asks a first-time user, answered ahead: onboarding done, this folder trusted, this API key approved.
export function acceptFirstRun(configDir: string, cwd: string, apiKey: string): void {
  const file = path.join(configDir, '.claude.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const projects = (config.projects ?? {}) as Record<string, Record<string, unknown>>;
  projects[cwd] = { ...projects[cwd], hasTrustDialogAccepted: true };
  Object.assign(config, { hasCompletedOnboarding: true, projects, customApiKeyResponses: { approved: [apiKey.slice(-20)], rejected: [] } });
  writeFileSync(file, JSON.stringify(config, null, 2));
}

export function startTmuxClaude(name: string, cwd: string, env: NodeJS.ProcessEnv, args: string[]): TmuxClaude {
  const socket = `claude-async-test-${process.pid}-${name}`;
  const tmux = (...rest: string[]) => execFileSync('tmux', ['-L', socket, ...rest], { encoding: 'utf8', env: { ...process.env, TMUX: '' } });
  // tmux hands the session its own server's environment: the CLI's goes through `env -i`.
  const envArgs = Object.entries(env).flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${value}`]));
  tmux('new-session', '-d', '-s', name, '-x', '200', '-y', '50', '-c', cwd, 'env', '-i', ...envArgs, REAL_CLAUDE_BIN, ...args);
  const pid = Number(tmux('display-message', '-p', '-t', name, '#{pid}').trim());
  servers.push(pid);
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  return {
    async type(text) {
      tmux('send-keys', '-t', name, '-l', text);
      await waitFor(() => screen().includes(text.slice(0, 40)) || undefined, 'the typed text to show', 10_000, 100);
      tmux('send-keys', '-t', name, 'Enter');
    },
    screen,
    waitForScreen: (text, timeoutMs = 30_000) =>
      waitFor(() => (screen().includes(text) ? screen() : undefined), `"${text}" on the screen`, timeoutMs, 200).catch((error: Error) => {
        throw new Error(`${error.message}; the screen shows:\n${screen()}`);
      }),
    kill: () => killTmux(pid),
  };
}

function killTmux(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

export function killTmuxSessions(): void {
  for (const pid of servers.splice(0)) killTmux(pid);
}
