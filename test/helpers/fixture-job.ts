// A finished job made by the real server whose log is then replaced by the transcript fixture, a richer session than
// the stand-in claude speaks.
import { writeFileSync } from 'node:fs';
import { jobOutputPaths } from '../../src/jobs/index.js';
import { TRANSCRIPT_LOG } from '../fixtures/transcript.js';
import type { TestRoot } from './job-root.js';
import { startServer, waitForStatus } from './mcp-client.js';

export const FIXTURE_TRANSCRIPT_LINES = [
  'session · sess-1 · model claude-sonnet-4-5 · in /home/me/project',
  'I will add the file and run the tests.',
  '→ Write hello.txt',
  '  ← File created successfully at: /home/me/project/hello.txt',
  '→ Bash: npm test # and more',
  '  ✗ FAIL test/a.test.ts (+2 lines)',
  'plain text claude printed outside any event',
  'Fixed it: all tests pass.',
  '✓ success · in 2m 11s · 3 turns · $0.0421',
];

export async function makeFixtureJob(root: TestRoot, prompt = 'add hello.txt and run the tests'): Promise<string> {
  const server = await startServer(root.env());
  const jobId = String((await server.call('claude_start', { prompt, model: 'sonnet' })).jobId);
  await waitForStatus(server, jobId, ['completed']);
  writeFileSync(jobOutputPaths(root.jobDir, jobId).stdout, TRANSCRIPT_LOG);
  return jobId;
}
