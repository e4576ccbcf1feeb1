// A registration records this install's path; run through npx, that path is in npx's cache, which npm may clean.
import { findPackageEntry } from '../install/server-entry.js';

export function warnNpxInstall(entry = findPackageEntry()): string[] {
  if (!/[\\/]_npx[\\/]/.test(entry)) return [];
  return [
    `This copy of claude-async runs from npx's cache (${entry}), which npm may clean at any time; the host would then ` +
      'fail to start the server. Use a lasting copy (a clone with `npm link`, or the .mcpb bundle for Claude Desktop) and run the registration from it.',
  ];
}
