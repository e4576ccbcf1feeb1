// The board for terminal users: an HTTP server on 127.0.0.1 only, serving the same page the MCP App shows, with its
// data from the job directory. Every request must carry the random token printed in the URL: any web page the user
// visits can reach 127.0.0.1, but none can know the token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityCache, cancelJob, inspectJob, JobIdSchema } from '../jobs/index.js';
import { readBoardHtml } from './board-html.js';
import { readBoardTranscript } from './read-board-transcript.js';
import { readBoard } from './read-board.js';

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

const CANCEL_SAID = {
  'ended-queued': 'removed from the queue',
  signalled: 'stopping',
  requested: 'stop requested',
  'already-ended': 'already ended',
} as const;

export async function serveDashboard(options: { root: string; port: number }): Promise<Dashboard> {
  const token = randomBytes(24).toString('base64url');
  const activity = new ActivityCache();
  const server = createServer((request, response) => {
    answer(request, response, { root: options.root, token, activity, port: (server.address() as AddressInfo).port }).catch((error: unknown) =>
      sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Served {
  root: string;
  token: string;
  activity: ActivityCache;
  port: number;
}

async function answer(request: IncomingMessage, response: ServerResponse, served: Served): Promise<void> {
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${served.port}`);
  // A page on another site that rebinds its name to 127.0.0.1 would send its own name as Host.
  if (![`127.0.0.1:${served.port}`, `localhost:${served.port}`].includes(request.headers.host ?? '')) {
    return sendJson(response, 403, { error: 'refused: this dashboard answers only requests addressed to 127.0.0.1' });
  }
  if (!hasToken(url.searchParams.get('token'), served.token)) {
    return sendJson(response, 403, { error: 'refused: missing or wrong token; open the URL claude-async dashboard printed' });
  }
  const route = `${request.method} ${url.pathname}`;
  if (route === 'GET /') return sendPage(response, await readBoardHtml());
  if (route === 'GET /api/board') return sendJson(response, 200, await readBoard(served.root, served.activity));
  const jobId = JobIdSchema.safeParse(url.searchParams.get('jobId'));
  if (route === 'GET /api/transcript' || route === 'POST /api/cancel') {
    if (!jobId.success || !(await inspectJob(served.root, jobId.data)).record) return sendJson(response, 404, { error: `no job '${url.searchParams.get('jobId')}'` });
    if (route === 'GET /api/transcript') return sendJson(response, 200, await readBoardTranscript(served.root, jobId.data));
    const outcome = await cancelJob(served.root, jobId.data);
    return sendJson(response, 200, { jobId: jobId.data, said: CANCEL_SAID[outcome.action] });
  }
  sendJson(response, 404, { error: `no such page: ${route}` });
}

function hasToken(given: string | null, token: string): boolean {
  if (given === null || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

// The page may talk to this server only; no other origin, no framing by other sites.
function sendPage(response: ServerResponse, html: string): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  response.end(html);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
