// A claude for the start rows: a bash script that writes the moment it was exec'd to stderr, reads its prompt and
// answers with a result event, as claude -p does. No node behind it: only our cost is measured, and a burst of jobs
// is not slowed by 200 stand-ins starting. bash's EPOCHREALTIME needs no fork, so the stamp costs ~1 ms.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const STAMP = 'bench-exec';

// A prompt line `@sleep <seconds>` makes it take that long, as a real session would.
const SCRIPT = `#!/bin/bash
printf '${STAMP} %s\\n' "$EPOCHREALTIME" >&2
pause=
while IFS= read -r line || [ -n "$line" ]; do case $line in '@sleep '*) pause=\${line#@sleep }; esac; done
[ -n "$pause" ] && sleep "$pause"
printf '%s\\n' '{"type":"result","subtype":"success","is_error":false,"result":"done","session_id":"bench"}'
`;

export function writeStampingClaude(dir: string): string {
  const file = path.join(dir, 'stamping-claude');
  writeFileSync(file, SCRIPT, { mode: 0o755 });
  return file;
}

// Wall-clock milliseconds at which the stamping claude was exec'd, from its job's stderr.
export function readExecStamp(stderr: string): number | undefined {
  const match = new RegExp(`^${STAMP} (\\d+)[.,](\\d+)$`, 'm').exec(stderr);
  return match ? Number(`${match[1]}.${match[2]}`) * 1000 : undefined;
}
