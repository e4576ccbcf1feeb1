// Registers the per-test job root and the cleanup every server test needs.
import { afterEach, beforeEach } from 'vitest';
import { makeTestRoot, type TestRoot } from './job-root.js';
import { closeServers } from './mcp-client.js';

export function useTestRoot(): { readonly current: TestRoot } {
  const holder = {} as { current: TestRoot };
  beforeEach(() => {
    holder.current = makeTestRoot();
  });
  afterEach(async () => {
    await closeServers();
    await holder.current.cleanup();
  });
  return holder;
}
