// Serves MCP on stdio. stdout is the protocol and nothing else; the server logs to server.log and stderr.
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { isExecutableFile, resolveClaudeCli, type CliResolution } from '../claude/resolve-cli.js';
import { ActivityCache } from '../jobs/index.js';
import { StandbyRunners } from '../runner/standby.js';
import type { Settings } from '../settings.js';
import { buildServer } from './build-server.js';
import type { ServerContext } from './context.js';
import { createLoggedStdioTransport } from './log-tool-calls.js';

export function createContext(settings: Settings): ServerContext {
  const standby = new StandbyRunners();
  return {
    settings,
    resolveCli: rememberClaudeCli(),
    // At once, in the pass that recorded the launch: a launch recorded but not yet handed on waits out the launch
    // grace if this process dies in between. The spare made to replace a used one is forked after the pass.
    launch: (root, jobId) => standby.launch(root, jobId),
    activity: new ActivityCache(),
    lastPruneAt: 0,
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
  const handle = serveStdio(() => buildServer(context), {
    transport: createLoggedStdioTransport(settings),
    onerror: (error) => process.stderr.write(`claude-async: ${error.message}\n`),
  });
  const shutdown = () => void handle.close().finally(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.stdin.once('end', shutdown);
}
