// A registration records this install's path; run through npx, that path is in npx's cache, which npm may clean.
import { findPackageEntry } from '../install/register-desktop.js';

export function warnNpxInstall(entry = findPackageEntry()): string[] {
  if (!/[\\/]_npx[\\/]/.test(entry)) return [];
  return [
    `This copy of claude-async runs from npx's cache (${entry}), which npm may clean at any time; the host would then ` +
      'fail to start the server. Install it (npm install -g claude-async) and run the registration from that copy.',
  ];
}
