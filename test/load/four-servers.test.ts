// Four servers sharing one job directory take 400 starts at once: every job is kept under its own id, none is lost,
// the cap holds across the servers, and every one runs once to its end.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { callRaw, startServer, type Json } from '../helpers/mcp-client.js';
import { stopJobDir } from '../helpers/stop-job-dir.js';
import { useTestRoot } from '../helpers/test-root-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

const SERVERS = 4;
const STARTS = 400;
const CAP = 8;
const TERMINAL = ['completed', 'failed', 'cancelled', 'timed_out', 'orphaned', 'unknown'];

const root = useTestRoot();
// Before the root's own cleanup (after-hooks run last-registered first): a drain may still be launching runners.
afterEach(() => stopJobDir(root.current.jobDir));

// A claude as cheap as a process gets: it answers with the size of the prompt it read, in claude's stream-json.
// 400 jobs of the node stand-in would spend most of the test starting node.
function writeCheapClaude(dir: string): string {
  const file = path.join(dir, 'cheap-claude');
  const script = [
    '#!/bin/sh',
    'bytes=$(wc -c | tr -d " ")',
    'printf \'{"type":"system","subtype":"init","session_id":"cheap-%s"}\\n\' "$$"',
    'printf \'{"type":"result","subtype":"success","is_error":false,"result":"bytes %s","session_id":"cheap-%s"}\\n\' "$bytes" "$$"',
  ];
  writeFileSync(file, `${script.join('\n')}\n`, { mode: 0o755 });
  return file;
}

// Follows the jobs through the servers in turn (each call also starts what the queue allows) until every job listed
// and every job a start answered with has ended, noting the most ever seen running at once.
async function followToEnd(servers: McpSession[], answered: string[]): Promise<{ jobs: Json[]; mostRunning: number }> {
  let mostRunning = 0;
  let turn = 0;
  const jobs = await waitFor(
    async () => {
      const listing = await callRaw(servers[turn++ % servers.length]!, 'claude_jobs', { limit: 1000 });
      const listed = (listing.data?.jobs ?? []) as Json[];
      mostRunning = Math.max(mostRunning, listed.filter((job) => job.status === 'running').length);
      const ids = new Set(listed.map((job) => job.jobId));
      return answered.every((id) => ids.has(id)) && listed.every((job) => TERMINAL.includes(String(job.status))) ? listed : undefined;
    },
    `${STARTS} jobs to end`,
    180_000,
    2000,
  );
  return { jobs, mostRunning };
}

describe('four servers, one job directory', () => {
  it(`takes ${STARTS} concurrent starts, loses none, holds the cap of ${CAP}, and runs each once`, { timeout: 240_000 }, async () => {
    // Each runner would read NODE_EXTRA_CA_CERTS as it starts; 400 of them do not need it.
    const env = root.current.env({ CLAUDE_ASYNC_MAX_PARALLEL: String(CAP), CLAUDE_CLI_PATH: writeCheapClaude(root.current.dir), NODE_EXTRA_CA_CERTS: '' });
    const servers = await Promise.all(Array.from({ length: SERVERS }, () => startServer(env)));
    const prompts = Array.from({ length: STARTS }, (_, i) => `load job ${i}`);
    const answers = await Promise.all(prompts.map((prompt, i) => callRaw(servers[i % SERVERS]!, 'claude_start', { prompt })));
    const jobIds = answers.flatMap((answer) => (answer.data ? [String(answer.data.jobId)] : []));
    const { jobs, mostRunning } = await followToEnd(servers, jobIds);

    // Every start answered with its own job; the store holds exactly those, each completed, never above the cap.
    expect({ refused: answers.filter((answer) => answer.isError).map((answer) => answer.text), listed: jobs.length }).toEqual({ refused: [], listed: STARTS });
    expect(new Set(jobIds).size).toBe(STARTS);
    expect(jobs.map((job) => job.jobId).sort()).toEqual([...jobIds].sort());
    expect(jobs.filter((job) => job.status !== 'completed')).toEqual([]);
    expect(mostRunning).toBeLessThanOrEqual(CAP);
    for (const [i, jobId] of jobIds.entries()) {
      const view = await servers[i % SERVERS]!.call('claude_check', { jobId, output: 'raw', tailBytes: 100_000 });
      // One run: one result event, answering this job's own prompt.
      expect({ jobId, results: String(view.output).match(/"type":"result"/g)?.length, answer: view.result }).toEqual({
        jobId,
        results: 1,
        answer: `bytes ${Buffer.byteLength(prompts[i]!)}`,
      });
    }
  });
});
