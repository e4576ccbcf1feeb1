// One job root shared by a file's CLI tests (its jobs made once, in setup), with every server, CLI and job process
// ended after the file's last test.
import { afterAll, beforeAll } from 'vitest';
import { makeTestRoot, type TestRoot } from './job-root.js';
import { closeServers } from './mcp-client.js';
import { killClis } from './run-cli.js';

export function useCliRoot(setup: (root: TestRoot) => Promise<void>): { readonly current: TestRoot } {
  const holder = {} as { current: TestRoot };
  beforeAll(async () => {
    holder.current = makeTestRoot();
    await setup(holder.current);
  });
  afterAll(async () => {
    killClis();
    await closeServers();
    await holder.current.cleanup();
  });
  return holder;
}
