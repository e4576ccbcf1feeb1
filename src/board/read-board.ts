// What the job board shows: the newest jobs, each with its status, times, cost and one line of what it is doing.
// Shared by the MCP App's tools and the dashboard's HTTP answers, so both boards read the same.
import { z } from 'zod';
import type { Activity } from '../claude/activity.js';
import { JobSummarySchema, listJobs, summarizeJob, type ActivityCache } from '../jobs/index.js';

export const BOARD_LIMIT = 50;

export const BoardJobSchema = JobSummarySchema.extend({
  activity: z.string().optional().describe("One line of what the job did last: its latest words or tool call."),
});
export type BoardJob = z.infer<typeof BoardJobSchema>;

export const BoardSchema = z.object({
  total: z.number().int().describe('How many jobs the job directory holds.'),
  jobs: z.array(BoardJobSchema).describe(`The newest jobs, at most ${BOARD_LIMIT}.`),
  readAt: z.string().describe('When this board was read (ISO time), for the ages it shows.'),
});
export type Board = z.infer<typeof BoardSchema>;

export async function readBoard(root: string, activity: ActivityCache): Promise<Board> {
  const listing = await listJobs(root, { limit: BOARD_LIMIT });
  const jobs = await Promise.all(
    listing.jobs.map(async (snapshot): Promise<BoardJob> => {
      const summary = await summarizeJob(root, snapshot);
      const line = snapshot.record ? describeActivity(await activity.read(root, snapshot.jobId, snapshot.record.createdAt)) : undefined;
      return line ? { ...summary, activity: line } : summary;
    }),
  );
  return { total: listing.total, jobs, readAt: new Date().toISOString() };
}

function describeActivity(activity: Activity): string | undefined {
  const tool = activity.recentTools.at(-1);
  if (activity.lastText) return activity.lastText.split('\n', 1)[0];
  return tool ? `→ ${tool}` : undefined;
}
