// A property-based fuzzer over the inputs of claude_start, claude_check and claude_jobs: arbitrary JSON, strings
// with control characters, path tricks, huge numbers, unknown fields. Every call gets a clear refusal or an answer
// that matches the tool's output schema (the SDK's client checks it), the server never dies, and nothing is
// written outside the job directory. The one slot is held by a sleeping job, so fuzzed starts that are valid queue
// up rather than run.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_ID_PATTERN, JOB_STATUSES, listJobs } from '../../src/jobs/index.js';
import type { McpSession } from '../../src/selftest/mcp-session.js';
import { useCliRoot } from '../helpers/cli-root.js';
import { callRaw, startServer, waitForClaude } from '../helpers/mcp-client.js';

const TRAP = 'escaped';
const RUNS = 300;

let server: McpSession;
let blocker: string;
// Closing the server before the sleeping job is killed leaves nobody to launch a queued one in its place.
const shared = useCliRoot(async (root) => {
  server = await startServer(root.env({ CLAUDE_ASYNC_MAX_PARALLEL: '1' }));
  blocker = String((await server.call('claude_start', { prompt: '@sleep 600000' })).jobId);
  await waitForClaude(server, blocker);
});

// Paths a careless server could be talked into writing to, and others that are merely strange.
function pathTricks(dir: string) {
  return fc.constantFrom(
    '', '.', '..', '/', '//', '/..', '/tmp', dir, `${dir}/jobs`, `../../${TRAP}`, `${dir}/../${TRAP}`, `${dir}/${TRAP}`,
    `${dir}/jobs/../${TRAP}`, `${dir}/jobs/jobs/../../${TRAP}`, '/etc/passwd', '/dev/null', '/proc/self', '~', `~/${TRAP}`,
    '\\\\server\\share', 'C:\\', `${dir}\u0000/${TRAP}`, 'a/b', `%2e%2e%2f${TRAP}`, `\u202e${TRAP}`, 'CON', `${TRAP}\n`, '$(touch x)',
  );
}

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)) });
const hugeNumbers = fc.constantFrom(0, -0, -1, 1, 1.5, 50, 1000, 1001, 1048576, 1048577, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE);

function anyValue(dir: string) {
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    controlChars,
    pathTricks(dir),
    fc.constantFrom('sonnet', 'opus[1m]', 'claude-sonnet-4-5', 'queued', 'running', 'completed', 'job-1', 'a'.repeat(64), 'a'.repeat(65), 'x'.repeat(300_000)),
  );
  return fc.oneof(text, fc.integer(), fc.double(), hugeNumbers, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }), fc.array(text, { maxLength: 3 }));
}

const UNKNOWN_KEYS = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'workDir', 'Prompt', 'job_id', 'tail', 'offset'));
const START_KEYS = ['prompt', 'workFolder', 'jobId', 'model', 'skipPermissions', 'permissionMode', 'allowedTools', 'maxTurns', 'timeoutSeconds', 'addDirs', 'mcpConfig', 'resumeJobId', 'sessionId', 'fork'];

// Values each parameter accepts (prompts with control characters and any Unicode included).
function plausibleValues(dir: string, jobIds: fc.Arbitrary<string>): Record<string, fc.Arbitrary<unknown>> {
  return {
    prompt: fc.oneof(fc.string({ minLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1 }), controlChars.filter((text) => text.length > 0)),
    workFolder: fc.constantFrom(dir, '/tmp', '/'),
    jobId: jobIds,
    model: fc.constantFrom('sonnet', 'opus[1m]', 'claude-sonnet-4-5', 'us.anthropic.claude-sonnet-4-5-v1:0'),
    skipPermissions: fc.boolean(),
    tailBytes: fc.nat(1024 * 1024),
    sinceOffset: fc.nat(100_000),
    output: fc.constantFrom('none', 'transcript', 'raw', 'result'),
    status: fc.constantFrom(...JOB_STATUSES),
    limit: fc.integer({ min: 1, max: 1000 }),
  };
}

// Half the calls use plausible values only; the other half any values for any of the tool's parameters, sometimes
// with unknown parameters beside them.
function argsOf(keys: string[], required: string[], dir: string, plausible: Record<string, fc.Arbitrary<unknown>>) {
  const value = anyValue(dir);
  const sane = fc.record(Object.fromEntries(keys.filter((key) => plausible[key]).map((key) => [key, plausible[key]!])), { requiredKeys: required });
  const wild = fc.record(Object.fromEntries(keys.map((key) => [key, plausible[key] ? fc.oneof(plausible[key]!, value) : value])), { requiredKeys: [] });
  const withExtras = fc.tuple(wild, fc.option(fc.dictionary(UNKNOWN_KEYS, value, { maxKeys: 2 }), { nil: undefined })).map(([params, extra]) => ({ ...params, ...extra }));
  return fc.oneof(sane, withExtras);
}

function toolCalls(dir: string, jobIds: fc.Arbitrary<string>) {
  const plausible = plausibleValues(dir, jobIds);
  return fc.oneof(
    fc.tuple(fc.constant('claude_start'), argsOf(START_KEYS, ['prompt'], dir, plausible)),
    fc.tuple(fc.constant('claude_check'), argsOf(['jobId', 'output', 'tailBytes', 'sinceOffset'], ['jobId'], dir, plausible)),
    fc.tuple(fc.constant('claude_jobs'), argsOf(['status', 'limit'], [], dir, plausible)),
  );
}

describe('fuzzed tool input', () => {
  it(`answers ${RUNS} fuzzed calls with a refusal or a valid answer, and stays up`, { timeout: 180_000 }, async () => {
    const root = shared.current;
    const jobIds = fc.oneof(fc.constantFrom(blocker, 'no-such-job', '..'), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$/));
    await fc.assert(
      fc.asyncProperty(toolCalls(root.dir, jobIds), async ([tool, args]) => {
        // Throws on a protocol error, or an answer that does not match the tool's declared output schema.
        const answer = await callRaw(server, tool, args);
        if (answer.isError) expect(answer.text.trim()).not.toBe('');
        else expect(answer.data).toBeTypeOf('object');
      }),
      { numRuns: RUNS },
    );

    await server.client.ping();
    expect((await server.client.listTools()).tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['claude_start', 'claude_check', 'claude_jobs']));
    expect(readdirSync(root.dir)).toEqual(['jobs']);
    for (const trap of [path.join(root.dir, TRAP), path.join(root.jobDir, TRAP), path.join(path.dirname(root.dir), TRAP)]) expect(existsSync(trap)).toBe(false);
    expect(readdirSync(path.join(root.jobDir, 'jobs')).filter((name) => !JOB_ID_PATTERN.test(name))).toEqual([]);
    // Nothing but the sleeping job ever ran: every fuzzed start that was valid is still queued.
    const { jobs } = await listJobs(root.jobDir, { limit: 100_000 });
    expect(jobs.filter((job) => job.jobId !== blocker && job.status !== 'queued').map((job) => `${job.jobId}: ${job.status}`)).toEqual([]);
  });
});
