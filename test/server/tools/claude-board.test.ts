// claude_board as an MCP App: its ui:// resource, rendered in a sandboxed iframe of a minimal host page that speaks
// the app bridge (ext-apps' AppBridge) in Debian's Chromium, shows jobs started through MCP, their end, and cancels.
// Hosts without apps get the same board as text.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../../src/package-root.js';
import { launchChromium, screenshotPath } from '../../helpers/browser.js';
import { startServer, waitForStatus } from '../../helpers/mcp-client.js';
import { useTestRoot } from '../../helpers/test-root-hooks.js';
import { waitFor } from '../../helpers/wait-for.js';

const root = useTestRoot();
let browser: Browser;
let hostScript: string;
let site: Server | undefined;

beforeAll(async () => {
  const built = await build({
    entryPoints: [path.join(findPackageRoot(), 'test', 'fixtures', 'app-host.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'warning',
  });
  hostScript = built.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
  browser = await launchChromium();
}, 90_000);
afterAll(async () => browser?.close());
afterEach(() => new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve())));

// Serves the host page and the app's HTML (as the server gave it) on 127.0.0.1.
async function serveHost(appHtml: string): Promise<string> {
  site = createServer((request, response) => {
    const page = request.url === '/app.html' ? appHtml : `<!doctype html><html><body><script>${hostScript}</script></body></html>`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(site.address() as AddressInfo).port}/host.html`;
}

describe('claude_board', () => {
  it('names a ui:// resource of the MCP App type, self-contained, and app-only tools for its data', async () => {
    const server = await startServer(root.current.env());
    const tools = (await server.client.listTools()).tools;
    const board = tools.find((tool) => tool.name === 'claude_board');
    expect(board?._meta).toMatchObject({ ui: { resourceUri: 'ui://claude-async/board.html' } });
    for (const name of ['claude_board_jobs', 'claude_board_transcript']) {
      expect(tools.find((tool) => tool.name === name)?._meta).toMatchObject({ ui: { visibility: ['app'] } });
    }
    const { contents } = await server.client.readResource({ uri: 'ui://claude-async/board.html' });
    expect(contents[0]).toMatchObject({ uri: 'ui://claude-async/board.html', mimeType: 'text/html;profile=mcp-app' });
    const html = String((contents[0] as { text: string }).text);
    // Nothing is loaded from anywhere: no src or href attributes, no URLs to other origins in the markup.
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
  });

  it('answers with the jobs as text and data for hosts that show no app', async () => {
    const server = await startServer(root.current.env());
    const { jobId } = await server.call('claude_start', { prompt: 'text board' });
    await waitForStatus(server, String(jobId), ['completed']);
    const result = await server.client.callTool({ name: 'claude_board', arguments: {} });
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    expect(text).toMatch(new RegExp(`^completed ${jobId} \\$0\\.0012  text board — prompt sha256 `));
    expect(result.structuredContent).toMatchObject({ total: 1, jobs: [{ jobId, status: 'completed', costUsd: 0.0012 }] });
  });

  it('renders in a host page over the app bridge: jobs appear, one completes, one is cancelled', async () => {
    const server = await startServer(root.current.env());
    const { contents } = await server.client.readResource({ uri: 'ui://claude-async/board.html' });
    const url = await serveHost(String((contents[0] as { text: string }).text));
    const called: string[] = [];
    const page = await browser.newPage();
    try {
      await page.exposeFunction('callServerTool', async (params: { name: string; arguments?: Record<string, unknown> }) => {
        called.push(params.name);
        return server.client.callTool({ name: params.name, arguments: params.arguments ?? {} });
      });
      await page.goto(url);
      await waitFor(() => page.evaluate(() => window.appInitialized === true), 'the app to finish the bridge handshake', 30_000, 200);
      const quick = String((await server.call('claude_start', { prompt: 'app test: quick\n@sleep 1000' })).jobId);
      const slow = String((await server.call('claude_start', { prompt: 'app test: slow\n@sleep 60000' })).jobId);
      const app = page.frameLocator('iframe');
      const status = (jobId: string) => app.locator(`tr[data-job-id="${jobId}"]`).getAttribute('data-status', { timeout: 1000 }).catch(() => null);
      await waitFor(async () => (await status(quick)) === 'completed', 'the quick job to turn completed in the app', 30_000, 200);
      await waitFor(async () => (await status(slow)) === 'running', 'the slow job to show running in the app', 30_000, 200);
      await app.locator(`tr[data-job-id="${quick}"] [data-testid="open"]`).click();
      await waitFor(async () => ((await app.locator('#transcript-lines').textContent()) ?? '').includes('✓ success'), 'the transcript in the app', 10_000, 200);
      await app.locator(`tr[data-job-id="${slow}"] [data-testid="cancel"]`).click();
      await waitFor(async () => (await status(slow)) === 'cancelled', 'the slow job to show cancelled in the app', 30_000, 200);
      expect((await server.call('claude_check', { jobId: slow })).status).toBe('cancelled');
      expect(new Set(called)).toEqual(new Set(['claude_board_jobs', 'claude_board_transcript', 'claude_cancel']));
      const shot = screenshotPath('board-app.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
    } finally {
      await page.close();
    }
  }, 90_000);
});
