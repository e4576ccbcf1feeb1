// A tiny executable standing in for claude where only its command line matters (--version, `mcp add`): it prints
// a version and appends its arguments to calls.txt beside itself.
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const FAKE_CLAUDE_VERSION = '2.1.330 (Claude Code)';

export function writeFakeClaude(dir: string): { path: string; calls: string } {
  const file = path.join(dir, 'claude');
  const calls = path.join(dir, 'calls.txt');
  writeFileSync(file, `#!/bin/sh\necho "$@" >> '${calls}'\necho '${FAKE_CLAUDE_VERSION}'\n`);
  chmodSync(file, 0o755);
  return { path: file, calls };
}
