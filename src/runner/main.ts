// Runner entry: `node main.js <jobRoot> <jobId>`, or `<jobRoot> --standby` to wait for its job on a socket (see
// standby.ts). Started by the server and by other runners, never by hand.
import path from 'node:path';
import { JOB_ID_PATTERN } from '../jobs/job-id.js';
import { readSettings } from '../settings.js';
import { runJobs } from './run-job.js';
import { awaitJob, STANDBY_ARG } from './standby.js';

const [root, target] = process.argv.slice(2);
if (!root || !path.isAbsolute(root) || !target || (target !== STANDBY_ARG && !JOB_ID_PATTERN.test(target))) {
  process.stderr.write(`usage: runner <absolute job root> <jobId | ${STANDBY_ARG}>\n`);
  process.exit(2);
}
// No terminal, no reason to die with one.
process.on('SIGHUP', () => undefined);
const jobId = target === STANDBY_ARG ? await awaitJob() : target;
if (jobId) await runJobs(root, jobId, readSettings());
