// The interactive Claude Code (the real CLI in tmux, offline against the stand-in) as the MCP client: it declares the
// tasks extension, so claude_run becomes a task it follows itself; the child job's answer reaches the parent model
// through its task notification, and the parent never polls.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { routeScripts, type RecordedRequest } from '../fixtures/messages-api.js';
import { useE2eBed } from '../helpers/e2e-bed.js';
import { registerInClaudeCode } from '../helpers/register-in-claude-code.js';
import { acceptFirstRun, killTmuxSessions, startTmuxClaude } from '../helpers/tmux-claude.js';
import { waitFor } from '../helpers/wait-for.js';

const bed = useE2eBed();
afterEach(() => killTmuxSessions());

const SERVER = 'claude-async';
const RUN_TOOL = `mcp__${SERVER}__claude_run`;
const CHILD_JOB = 'child-as-a-task';
const CHILD_ANSWER = 'Child wrote task.txt and is done.';
const PARENT_WAITING = 'The child runs in the background; I will wait for its notification.';
const PARENT_ANSWER = 'The child job finished: it wrote task.txt.';

const transcript = (request: RecordedRequest) => JSON.stringify(request.body.messages);
const isParent = (request: RecordedRequest) => transcript(request).includes('PARENT-TASK');
// Tool calls the parent's model made, as the conversation it sent last records them.
function toolCallsOf(request: RecordedRequest): string[] {
  return request.body.messages.flatMap((message) =>
    message.role === 'assistant' && Array.isArray(message.content) ? message.content.filter((block) => block.type === 'tool_use').map((block) => String(block.name)) : [],
  );
}

describe('interactive Claude Code with the tasks extension', () => {
  it('runs claude_run as a task: one tool call, the result arrives by task notification, no claude_check', async () => {
    const tb = await bed.create([]);
    const childFile = path.join(tb.workDir, 'task.txt');
    tb.api.setScript(
      routeScripts([
        {
          match: isParent,
          turns: [
            { toolUse: { name: RUN_TOOL, input: { prompt: 'CHILD-TASK: write task.txt', jobId: CHILD_JOB, workFolder: tb.workDir } } },
            { text: PARENT_WAITING },
            { text: PARENT_ANSWER },
          ],
        },
        {
          match: (request) => transcript(request).includes('CHILD-TASK'),
          turns: [
            { text: 'Writing.', toolUse: { name: 'Write', input: { file_path: childFile, content: 'written by a task\n' } } },
            { text: CHILD_ANSWER, delayMs: 4_000 },
          ],
        },
      ]),
    );
    await registerInClaudeCode(tb, SERVER);
    acceptFirstRun(tb.claude.configDir, tb.workDir, String(tb.claude.env.ANTHROPIC_API_KEY));

    // Auto mode's safety check cannot reach a loopback gateway: default mode, with our tool allowed.
    const cli = startTmuxClaude('tasks', tb.workDir, tb.claude.env, ['--permission-mode', 'default', '--allowedTools', RUN_TOOL]);
    await cli.waitForScreen('? for shortcuts', 30_000);
    await cli.type('PARENT-TASK: run a child job that writes task.txt, and tell me when it is done.');

    const final = await waitFor(() => tb.api.requests.find((request) => isParent(request) && transcript(request).includes('<task-notification>')), 'the task notification to reach the parent model', 60_000, 200);
    // Claude Code puts the task's final result into the conversation as the compact JSON of its structured content.
    const notification = String((final.body.messages.at(-1)!.content as Array<{ text?: string }>)[0]?.text);
    const carried = /<result>\n(.*)\n<\/result>/s.exec(notification)?.[1];
    expect(notification).toContain(`<summary>MCP task ${CHILD_JOB} (${SERVER}/claude_run) completed.</summary>`);
    const answer = JSON.parse(String(carried)) as Record<string, unknown>;
    expect(answer).toMatchObject({ jobId: CHILD_JOB, status: 'completed', turns: 2, files: ['task.txt'], result: CHILD_ANSWER });
    const { result: _result, ...facts } = answer;
    expect(Buffer.byteLength(JSON.stringify(facts))).toBeLessThanOrEqual(600);
    await waitFor(() => cli.screen().includes(PARENT_ANSWER) || undefined, 'the parent to answer on the screen', 30_000, 200);

    const parentRequests = tb.api.requests.filter(isParent);
    expect(toolCallsOf(parentRequests.at(-1)!)).toEqual([RUN_TOOL]);
    expect(parentRequests.some((request) => toolCallsOf(request).some((name) => name.endsWith('claude_check')))).toBe(false);
    // The task answer the model got at once: Claude Code's own line that the task went to the background.
    const toolResult = parentRequests[1]!.body.messages
      .flatMap((message) => (Array.isArray(message.content) ? message.content : []))
      .find((block) => block.type === 'tool_result');
    const backgrounded = JSON.stringify(toolResult?.content);
    expect(backgrounded).toContain(CHILD_JOB);
    process.stdout.write(`bytes the parent model received: task started ${Buffer.byteLength(backgrounded)} (the whole message), result ${Buffer.byteLength(String(carried))}\n${backgrounded}\n${notification}\n`);
  }, 150_000);
});
