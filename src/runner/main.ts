// Worker entry: `node main.js <jobRoot>`. Started by servers (and the CLI) whenever the queue should move, never by
// hand; it runs queued jobs, one at a time, until none may run.
import path from 'node:path';
import { readSettings } from '../settings.js';
import { runWorker } from './worker.js';

const [root] = process.argv.slice(2);
if (!root || !path.isAbsolute(root)) {
  process.stderr.write('usage: runner <absolute job root>\n');
  process.exit(2);
}
// No terminal, no reason to die with one.
process.on('SIGHUP', () => undefined);
await runWorker(root, readSettings());
