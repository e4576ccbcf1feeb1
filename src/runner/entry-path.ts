// The runner's bundled entry (see scripts/finish-build.ts); both the built server and the tests launch this one.
import { distPath } from '../package-root.js';

export function runnerEntryPath(): string {
  return distPath('runner', 'main.js');
}
