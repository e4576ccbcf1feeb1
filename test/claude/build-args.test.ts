import { describe, expect, it } from 'vitest';
import { buildClaudeArgs } from '../../src/claude/build-args.js';
import { buildChildEnv } from '../../src/claude/child-env.js';

describe('buildClaudeArgs', () => {
  it('runs headless with stream-json and no MCP servers unless asked', () => {
    expect(buildClaudeArgs({ skipPermissions: false })).toEqual([
      '-p', '--output-format', 'stream-json', '--verbose', '--mcp-config={"mcpServers":{}}', '--strict-mcp-config',
    ]);
  });

  it('passes the model and skip-permissions, never the prompt', () => {
    const args = buildClaudeArgs({ skipPermissions: true, model: 'opus' });
    expect(args).toEqual(expect.arrayContaining(['--model', 'opus', '--dangerously-skip-permissions']));
  });
});

describe('buildChildEnv', () => {
  it('drops the nested-session markers and passes CLAUDE_ASYNC_CHILD_ settings under their own names', () => {
    const env = buildChildEnv({ PATH: '/bin', CLAUDECODE: '1', CLAUDE_CODE_ENTRYPOINT: 'cli', CLAUDE_ASYNC_CHILD_CLAUDE_CODE_MAX_RETRIES: '0', CLAUDE_ASYNC_JOB_DIR: '/j' }, { CLAUDE_ASYNC_JOB_ID: 'x' });
    expect(env).toEqual({ PATH: '/bin', CLAUDE_CODE_MAX_RETRIES: '0', CLAUDE_ASYNC_JOB_DIR: '/j', CLAUDE_ASYNC_JOB_ID: 'x' });
  });
});
