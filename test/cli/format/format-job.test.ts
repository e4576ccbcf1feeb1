import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { emptyActivity } from '../../../src/claude/activity.js';
import { formatJob } from '../../../src/cli/format/format-job.js';
import type { JobView } from '../../../src/jobs/index.js';

const plain = pc.createColors(false);
const view = (status: JobView['status']): JobView => ({
  jobId: 'j1',
  status,
  activity: { ...emptyActivity(), retry: { attempt: 3, maxRetries: 10, error: 'overloaded', status: 529 } },
  stdoutTail: '',
  nextOffset: 0,
  stderrTail: '',
  stdoutBytes: 0,
  stderrBytes: 0,
});

describe('formatJob', () => {
  it('says when a running job is stuck retrying the API, and not once it ended', () => {
    expect(formatJob(view('running'), plain, 0)).toContain('trouble  claude could not reach the API (HTTP 529, overloaded): retry 3 of 10');
    expect(formatJob(view('failed'), plain, 0).some((line) => line.startsWith('trouble'))).toBe(false);
  });
});
