// Job ids and queue keys: sortable by creation time, unguessable enough to not collide across servers.
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Base-36 milliseconds (fixed width until the year 5188) plus a per-process counter keep keys in creation order.
export function newQueueKey(now = Date.now()): string {
  counter = now === lastMs ? counter + 1 : 0;
  lastMs = now;
  return `${now.toString(36).padStart(9, '0')}${counter.toString(36).padStart(3, '0')}${randomBytes(3).toString('hex')}`;
}

export function queueKeyTime(queueKey: string): number {
  return parseInt(queueKey.slice(0, 9), 36);
}

export function newJobId(queueKey: string): string {
  return `${queueKey.slice(0, 9)}-${randomBytes(5).toString('hex')}`;
}
