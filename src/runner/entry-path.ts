// The runner's compiled entry; both the built server and the tests launch this one.
import { distPath } from '../package-root.js';

export function runnerEntryPath(): string {
  return distPath('src', 'runner', 'main.js');
}
