// Keeps each job's activity with the offset it was read to, so every check parses only what is new.
import { absorbLines, emptyActivity, type Activity } from '../claude/activity.js';
import { jobPaths } from './layout.js';
import { readFrom } from './logs.js';

const MAX_JOBS = 500;
const READ_CHUNK = 4 * 1024 * 1024;
// A job first seen with a long log is summarized from its end: recent activity is what a watcher asks about, and
// parsing gigabytes to count old turns would make one call take seconds.
const FIRST_LOOK_BYTES = 4 * 1024 * 1024;

interface Entry {
  offset: number;
  activity: Activity;
}

export class ActivityCache {
  private readonly entries = new Map<string, Entry>();

  // `createdAt` tells a job from an earlier one that had the same id and was cleaned up.
  async read(root: string, jobId: string, createdAt = ''): Promise<Activity> {
    const key = `${root}\0${jobId}\0${createdAt}`;
    let entry = this.entries.get(key) ?? (await this.firstLook(root, jobId));
    for (;;) {
      const slice = await readFrom(jobPaths(root, jobId).stdout, entry.offset, READ_CHUNK);
      // The log was cut under its size cap since we last read it: start over on what is there now.
      if (slice.size < entry.offset) {
        entry = { offset: 0, activity: emptyActivity() };
        continue;
      }
      // Only whole lines are folded in; a line still being written is read again next time.
      const lastNewline = slice.text.lastIndexOf('\n');
      if (lastNewline < 0) {
        // A single line longer than a chunk says nothing we summarize; step over it.
        if (slice.nextOffset - slice.startOffset >= READ_CHUNK) entry.offset = slice.nextOffset;
        else break;
        continue;
      }
      const whole = slice.text.slice(0, lastNewline + 1);
      absorbLines(entry.activity, whole);
      entry.offset = slice.startOffset + Buffer.byteLength(whole);
      if (slice.nextOffset >= slice.size) break;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_JOBS) this.entries.delete(this.entries.keys().next().value!);
    return structuredClone(entry.activity);
  }

  private async firstLook(root: string, jobId: string): Promise<Entry> {
    const { size } = await readFrom(jobPaths(root, jobId).stdout, 0, 0);
    if (size <= FIRST_LOOK_BYTES) return { offset: 0, activity: emptyActivity() };
    // Start after the first newline of the last stretch, so only whole events are read.
    const head = await readFrom(jobPaths(root, jobId).stdout, size - FIRST_LOOK_BYTES, 64 * 1024);
    const newline = head.text.indexOf('\n');
    return { offset: newline >= 0 ? head.startOffset + Buffer.byteLength(head.text.slice(0, newline + 1)) : size, activity: emptyActivity() };
  }
}
