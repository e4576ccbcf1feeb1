// Serves MCP on stdio. stdout is the protocol and nothing else; the server logs to server.log and stderr.
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { resolveClaudeCli } from '../claude/resolve-cli.js';
import { ActivityCache } from '../jobs/index.js';
import { launchRunner } from '../runner/launch.js';
import type { Settings } from '../settings.js';
import { buildServer } from './build-server.js';
import type { ServerContext } from './context.js';
import { createLoggedStdioTransport } from './log-tool-calls.js';

export function createContext(settings: Settings): ServerContext {
  return { settings, resolveCli: () => resolveClaudeCli(), launch: launchRunner, activity: new ActivityCache(), lastPruneAt: 0 };
}

export function serve(settings: Settings): void {
  const context = createContext(settings);
  const handle = serveStdio(() => buildServer(context), {
    transport: createLoggedStdioTransport(settings),
    onerror: (error) => process.stderr.write(`claude-async: ${error.message}\n`),
  });
  const shutdown = () => void handle.close().finally(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.stdin.once('end', shutdown);
}
