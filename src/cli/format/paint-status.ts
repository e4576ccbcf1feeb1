// One colour per status, the same in every listing: green done, red needs a look, cyan busy.
import type { JobStatus } from '../../jobs/index.js';
import type { Colors } from '../pick-colors.js';

export function paintStatus(status: JobStatus, colors: Colors): (text: string) => string {
  switch (status) {
    case 'completed':
      return colors.green;
    case 'failed':
    case 'timed_out':
    case 'orphaned':
      return colors.red;
    case 'running':
      return colors.cyan;
    case 'input_required':
    case 'queued':
      return colors.yellow;
    case 'cancelled':
    case 'unknown':
      return colors.magenta;
  }
}
