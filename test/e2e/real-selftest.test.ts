// runRealCheck (--selftest --real), in-process, with the real Claude Code CLI against the Messages API stand-in: a
// scripted answer reports ok, a 401 reports that claude could not authenticate and what to do, no claude says where
// it looked.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toServerEnv, useE2eBed } from '../helpers/e2e-bed.js';
import { REAL_CLAUDE_BIN } from '../helpers/real-claude.js';
import { runRealCheck } from '../../src/selftest/real-check.js';
import { killClis, runCli } from '../helpers/run-cli.js';

const bed = useE2eBed();

afterEach(() => {
  vi.unstubAllEnvs();
  killClis();
});

// Makes process.env exactly this environment (resolveClaudeCli and the server's env are read from it).
function useEnv(env: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) vi.stubEnv(key, undefined);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
}

async function check(): Promise<{ ok: boolean; line: string }[]> {
  const lines: { ok: boolean; line: string }[] = [];
  await runRealCheck((ok, line) => lines.push({ ok, line }));
  return lines;
}

describe('runRealCheck', () => {
  it('reports ok with the answer and cost when the real claude answers', async () => {
    const tb = await bed.create([{ text: 'ok' }]);
    useEnv({ ...toServerEnv(tb.claude.env), CLAUDE_CLI_PATH: REAL_CLAUDE_BIN });
    const lines = await check();

    expect(lines).toHaveLength(1);
    expect(lines[0]!.ok).toBe(true);
    expect(lines[0]!.line).toMatch(new RegExp(`^real claude ${escape(REAL_CLAUDE_BIN)} \\(found via CLAUDE_CLI_PATH\\) authenticated and answered a job: "ok" \\(\\$0\\.\\d{4}\\)$`));
    // One main request: the prompt, with no tools needed and one turn allowed.
    expect(tb.api.requests).toHaveLength(1);
    expect(JSON.stringify(tb.api.requests[0]!.body.messages)).toContain('Reply with the single word: ok');
    // Its scratch job directory (under TMPDIR) is gone.
    expect(readdirSync(String(tb.claude.env.TMPDIR)).filter((name) => name.startsWith('claude-async-real-check-'))).toEqual([]);
  });

  // The real API's own 401 text ("invalid x-api-key") makes the CLI say "Invalid API key"; any other 401 makes it
  // say "Failed to authenticate". Both are recognised.
  it.each([
    { message: 'invalid x-api-key', says: 'Invalid API key · Fix external API key' },
    { message: 'stand-in rejects the key', says: 'Failed to authenticate. API Error: 401 stand-in rejects the key' },
  ])('says claude could not authenticate, and what to do, when the API answers 401 $message', async ({ message, says }) => {
    const tb = await bed.create([{ error: { status: 401, message } }]);
    useEnv({ ...toServerEnv(tb.claude.env), CLAUDE_CLI_PATH: REAL_CLAUDE_BIN });
    const lines = await check();

    expect(lines).toEqual([
      { ok: false, line: `claude could not authenticate: run \`claude\` once to log in, or set ANTHROPIC_API_KEY (claude said: claude exited with code 1: ${says})` },
    ]);
  });

  it("says each API retry of claude's while it waits, then the answer", async () => {
    const tb = await bed.create([{ error: { status: 529, message: 'stand-in is overloaded' } }, { text: 'ok' }]);
    useEnv({ ...toServerEnv(tb.claude.env), CLAUDE_CLI_PATH: REAL_CLAUDE_BIN, CLAUDE_ASYNC_CHILD_CLAUDE_CODE_MAX_RETRIES: '2' });
    const said: string[] = [];
    const lines: { ok: boolean; line: string }[] = [];
    await runRealCheck((ok, line) => lines.push({ ok, line }), (line) => said.push(line));

    expect(said[0]).toMatch(/^waiting for real claude to answer job \S+ \(at most 150 s\)$/);
    expect(said).toContainEqual(expect.stringMatching(/^claude could not reach the API \(HTTP 529, overloaded\): retry 1 of 2 in \d/));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.line).toMatch(/authenticated and answered a job: "ok"/);
  });

  it('says where it looked when no claude is found', async () => {
    const tb = await bed.create([]);
    const emptyBin = path.join(tb.claude.home, 'empty-bin');
    mkdirSync(emptyBin);
    useEnv({ HOME: tb.claude.home, PATH: emptyBin, TMPDIR: tb.claude.env.TMPDIR });
    const looked = [path.join(tb.claude.home, '.local', 'bin', 'claude'), '/usr/local/bin/claude'];
    if (looked.some((file) => existsSync(file))) return;
    const lines = await check();

    expect(lines).toHaveLength(1);
    expect(lines[0]!.ok).toBe(false);
    expect(lines[0]!.line).toContain(`no real claude to check: claude CLI not found; looked in: PATH (${emptyBin}); ${looked[0]}`);
    expect(lines[0]!.line).toContain('set CLAUDE_CLI_PATH to the claude binary');
    expect(tb.api.traffic).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('claude-async --selftest --real', () => {
  it('runs the plumbing checks, then the real check, through the built binary', async () => {
    const tb = await bed.create([{ text: 'ok' }]);
    const env = { ...toServerEnv(tb.claude.env), CLAUDE_CLI_PATH: REAL_CLAUDE_BIN } as Record<string, string>;
    const result = await runCli(['--selftest', '--real'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ok {4}a job runs to completed with its result/);
    expect(result.stdout).toMatch(/ok {4}real claude .* authenticated and answered a job: "ok"/);
    expect(result.stdout.trim().endsWith('selftest passed')).toBe(true);
  });
});
