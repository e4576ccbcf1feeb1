// The variables a parent Claude Code session sets to mark its own children, taken from the real CLI: a real job's
// Bash tool runs `env`, and whatever claude added to the environment it was given must be what a job started from
// such a child leaves out, while the user's own CLAUDE_CODE_* settings pass through.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChildEnv, isSessionMarker } from '../../src/claude/child-env.js';
import { useE2eBed } from '../helpers/e2e-bed.js';

const bed = useE2eBed();

function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').flatMap((line) => (/^[A-Za-z_][A-Za-z0-9_]*=/.test(line) ? [[line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]] : [])));
}

describe('session markers of the real Claude Code CLI', () => {
  it('are every Claude variable claude adds for its Bash tool, and only those', async () => {
    const tb = await bed.create([]);
    const dump = path.join(tb.workDir, 'env.txt');
    tb.api.setScript([{ text: 'Looking.', toolUse: { name: 'Bash', input: { command: `env > ${dump}`, description: 'Print the environment' } } }, { text: 'Done.' }]);
    const server = await tb.startServer();
    const { jobId } = await server.call('claude_start', { prompt: 'Print the environment.' });
    expect((await server.call('claude_check', { jobId, waitSeconds: 45 })).status).toBe('completed');

    const seen = parseEnv(readFileSync(dump, 'utf8'));
    const jobEnv = buildChildEnv(tb.serverEnv());
    const added = Object.keys(seen).filter((name) => /^(CLAUDE|AI_AGENT)/.test(name) && !(name in jobEnv) && !name.startsWith('CLAUDE_ASYNC_'));
    // The markers the field notes name are among them, so the probe saw a real session's children.
    expect(added).toEqual(expect.arrayContaining(['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT']));
    expect(added.filter((name) => !isSessionMarker(name))).toEqual([]);
    // A server started by that session (its tools' shells and MCP servers get the same variables) hands its jobs
    // none of them, and keeps the user's own settings.
    const fromChild = buildChildEnv(seen);
    expect(Object.keys(fromChild).filter((name) => added.includes(name))).toEqual([]);
    for (const setting of ['CLAUDE_CODE_MAX_RETRIES', 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC']) expect(fromChild[setting]).toBe(seen[setting]);
  });
});
