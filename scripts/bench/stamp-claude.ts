// A claude for the bench: a bash script that writes the moment it was exec'd to stderr, then becomes the stand-in.
// bash's EPOCHREALTIME needs no fork, so the stamp costs about what bash's own start does (~1 ms).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { STAND_IN_CLAUDE } from '../../test/helpers/job-root.js';

const STAMP = 'bench-exec';

export function writeStampingClaude(dir: string): string {
  const file = path.join(dir, 'stamping-claude');
  const script = `#!/bin/bash\nprintf '${STAMP} %s\\n' "$EPOCHREALTIME" >&2\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(STAND_IN_CLAUDE)} "$@"\n`;
  writeFileSync(file, script, { mode: 0o755 });
  return file;
}

// Wall-clock milliseconds at which the stamping claude was exec'd, from its job's stderr.
export function readExecStamp(stderr: string): number | undefined {
  const match = new RegExp(`^${STAMP} (\\d+)[.,](\\d+)$`, 'm').exec(stderr);
  return match ? Number(`${match[1]}.${match[2]}`) * 1000 : undefined;
}
