// A model pays for our tool definitions each time it loads them: all it sees stay under 8.5 KB (18 KB before), and still every
// parameter says what it is.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { makeTestRoot, type TestRoot } from '../helpers/job-root.js';
import { closeServers, startServer } from '../helpers/mcp-client.js';

let root: TestRoot;
let server: McpSession;

beforeAll(async () => {
  root = makeTestRoot();
  server = await startServer(root.env());
});

afterAll(async () => {
  await closeServers();
  await root.cleanup();
});

it('come to under 8.5 KB of descriptions and input schemas, every parameter described', async () => {
  // Tools only the board app calls are not shown to a model.
  const tools = (await server.client.listTools()).tools.filter((tool) => !(tool._meta?.ui as { visibility?: string[] } | undefined)?.visibility?.every((who) => who === 'app'));
  const bytes = tools.map((tool) => Buffer.byteLength(JSON.stringify({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema })));
  expect(bytes.reduce((sum, n) => sum + n, 0)).toBeLessThan(8.5 * 1024);
  const undescribed = tools.flatMap((tool) =>
    Object.entries((tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>)
      .filter(([, schema]) => !schema.description?.trim())
      .map(([name]) => `${tool.name}.${name}`),
  );
  expect(undescribed).toEqual([]);
  for (const tool of tools) expect(tool.description?.length).toBeGreaterThan(20);
});
