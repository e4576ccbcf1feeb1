// Serves MCP on stdio. stdout is the protocol and nothing else; the server logs to server.log and stderr.
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { isExecutableFile, resolveClaudeCli, type CliResolution } from '../claude/resolve-cli.js';
import { ActivityCache } from '../jobs/index.js';
import type { Settings } from '../settings.js';
import { buildServer } from './build-server.js';
import type { ServerContext } from './context.js';
import { keepQueueMoving } from './keep-queue-moving.js';
import { createLoggedStdioTransport } from './log-tool-calls.js';
import { makeWorkerWaker } from './wake-workers.js';

export function createContext(settings: Settings): ServerContext {
  return {
    settings,
    resolveCli: rememberClaudeCli(),
    wakeWorkers: makeWorkerWaker(settings),
    activity: new ActivityCache(),
  };
}

// Searching PATH and the install places on every start is wasted work once claude is found; the found binary is
// only re-checked, and a miss is searched again next time (the user may install claude meanwhile).
function rememberClaudeCli(): () => CliResolution {
  let found: CliResolution | undefined;
  return () => {
    if (found?.found && isExecutableFile(found.path)) return found;
    found = resolveClaudeCli();
    return found;
  };
}

export function serve(settings: Settings): void {
  const context = createContext(settings);
  const stopKeeping = keepQueueMoving(settings, context.wakeWorkers);
  const handle = serveStdio(() => buildServer(context), {
    transport: createLoggedStdioTransport(settings),
    onerror: (error) => process.stderr.write(`claude-async: ${error.message}\n`),
  });
  const shutdown = () => {
    stopKeeping();
    void handle.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.stdin.once('end', shutdown);
}
