import { describe, expect, it } from 'vitest';
import { buildClaudeArgs } from '../../src/claude/build-args.js';
import { buildChildEnv } from '../../src/claude/child-env.js';
import { describeRelayLaunch } from '../../src/permissions/relay-launch.js';

const relay = describeRelayLaunch('/usr/bin/node', '/opt/claude-async/dist/src/cli/main.js', '/jobs/j1', 600);
const RELAY_SERVER = { command: '/usr/bin/node', args: ['/opt/claude-async/dist/src/cli/main.js', 'permission-relay', '/jobs/j1', '--timeout', '600'], timeout: 660_000 };

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

describe('buildClaudeArgs with askPermissions', () => {
  it('gives claude the relay as its only MCP server and its permission prompt tool', () => {
    expect(buildClaudeArgs({ skipPermissions: false, askPermissions: true }, { permissionRelay: relay })).toEqual([
      '-p', '--output-format', 'stream-json', '--verbose',
      `--mcp-config=${JSON.stringify({ mcpServers: { claude_async_relay: RELAY_SERVER } })}`,
      '--strict-mcp-config',
      '--permission-prompt-tool=mcp__claude_async_relay__approve',
    ]);
  });

  it('merges the relay into a JSON mcpConfig, and passes a config file beside a config of its own', () => {
    const given = JSON.stringify({ mcpServers: { docs: { command: 'docs-server' } } });
    const merged = buildClaudeArgs({ skipPermissions: false, askPermissions: true, mcpConfig: given }, { permissionRelay: relay });
    expect(merged.filter((arg) => arg.startsWith('--mcp-config='))).toEqual([
      `--mcp-config=${JSON.stringify({ mcpServers: { docs: { command: 'docs-server' }, claude_async_relay: RELAY_SERVER } })}`,
    ]);
    const file = buildClaudeArgs({ skipPermissions: false, askPermissions: true, mcpConfig: '/home/me/mcp.json' }, { permissionRelay: relay });
    expect(file.filter((arg) => arg.startsWith('--mcp-config='))).toEqual([
      '--mcp-config=/home/me/mcp.json',
      `--mcp-config=${JSON.stringify({ mcpServers: { claude_async_relay: RELAY_SERVER } })}`,
    ]);
  });

  it('adds nothing of the relay to a job that does not ask', () => {
    expect(buildClaudeArgs({ skipPermissions: false }, { permissionRelay: relay }).join(' ')).not.toContain('relay');
  });
});

describe('buildChildEnv', () => {
  it('drops the nested-session markers and passes CLAUDE_ASYNC_CHILD_ settings under their own names', () => {
    const env = buildChildEnv({ PATH: '/bin', CLAUDECODE: '1', CLAUDE_CODE_ENTRYPOINT: 'cli', CLAUDE_ASYNC_CHILD_CLAUDE_CODE_MAX_RETRIES: '0', CLAUDE_ASYNC_JOB_DIR: '/j' }, { CLAUDE_ASYNC_JOB_ID: 'x' });
    expect(env).toEqual({ PATH: '/bin', CLAUDE_CODE_MAX_RETRIES: '0', CLAUDE_ASYNC_JOB_DIR: '/j', CLAUDE_ASYNC_JOB_ID: 'x' });
  });
});
