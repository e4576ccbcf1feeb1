// `claude-async dashboard` in a real browser (Debian's Chromium): a job started through MCP appears and turns
// completed, its transcript opens, cancel stops a running job; requests without the token are refused.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startServer } from '../helpers/mcp-client.js';
import { cliEnv, killClis, startCli } from '../helpers/run-cli.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const root = useTestRoot();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 90_000);
afterAll(async () => browser?.close());
afterEach(() => killClis());

async function openDashboard(): Promise<string> {
  const dashboard = startCli(['dashboard', '--no-open'], { env: cliEnv(root.current) });
  const firstLine = await waitFor(() => dashboard.stdout().includes('\n') && dashboard.stdout().split('\n')[0], 'the dashboard URL');
  return firstLine;
}

// An HTTP GET with a chosen Host header, which fetch() will not send.
function get(url: string, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function rowStatus(page: Page, jobId: string): Promise<string | null> {
  return page.locator(`tr[data-job-id="${jobId}"]`).getAttribute('data-status', { timeout: 1000 }).catch(() => null);
}

describe('claude-async dashboard', () => {
  it('prints a 127.0.0.1 URL with a token first, and refuses requests without it or addressed elsewhere', async () => {
    const url = await openDashboard();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    const bare = new URL(url);
    bare.search = '';
    expect(await get(url)).toBe(200);
    expect(await get(bare.toString())).toBe(403);
    expect(await get(`${bare}api/board?token=wrong-token-of-the-same-length-xx`)).toBe(403);
    expect(await get(url, 'evil.example:80')).toBe(403);
  });

  it('shows a job started through MCP turn completed, opens its transcript, and cancels a running job', async () => {
    const server = await startServer(root.current.env());
    const url = await openDashboard();
    const page = await browser.newPage();
    try {
      await page.goto(url);
      const quick = String((await server.call('claude_start', { prompt: 'board test: quick\n@sleep 1500' })).jobId);
      const slow = String((await server.call('claude_start', { prompt: 'board test: slow\n@sleep 60000' })).jobId);
      await waitFor(async () => (await rowStatus(page, slow)) === 'running', 'the slow job to show running', 30_000, 200);
      await waitFor(async () => (await rowStatus(page, quick)) === 'completed', 'the quick job to turn completed', 30_000, 200);
      await page.locator(`tr[data-job-id="${quick}"] [data-testid="open"]`).click();
      await waitFor(async () => ((await page.locator('#transcript-lines').textContent()) ?? '').includes('✓ success'), 'the transcript to show', 10_000, 200);
      await page.locator(`tr[data-job-id="${slow}"] [data-testid="cancel"]`).click();
      await waitFor(async () => (await rowStatus(page, slow)) === 'cancelled', 'the slow job to show cancelled', 30_000, 200);
      expect((await server.call('claude_check', { jobId: slow })).status).toBe('cancelled');
      expect(await page.locator('#summary').textContent()).toMatch(/^2 jobs · 0 running · 0 queued · updated /);
      const shot = screenshotPath('dashboard.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
    } finally {
      await page.close();
    }
  }, 90_000);
});
