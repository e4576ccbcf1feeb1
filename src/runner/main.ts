// Worker entry: `node main.js <jobRoot> [--spare]`. Started by servers whenever the queue should move, never by
// hand; it runs queued jobs, one at a time, until none may run. A spare first waits to be told to go.
import path from 'node:path';
import { readSettings } from '../settings.js';
import { SPARE_ARG } from './launch.js';
import { awaitGo } from './spare-worker.js';
import { runWorker } from './worker.js';

const [root, flag] = process.argv.slice(2);
if (!root || !path.isAbsolute(root) || (flag !== undefined && flag !== SPARE_ARG)) {
  process.stderr.write(`usage: runner <absolute job root> [${SPARE_ARG}]\n`);
  process.exit(2);
}
// No terminal, no reason to die with one.
process.on('SIGHUP', () => undefined);
if (flag !== SPARE_ARG || (await awaitGo())) await runWorker(root, readSettings());
