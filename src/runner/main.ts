// Runner entry: `node main.js <jobRoot> <jobId>`, started by launchRunner, never by hand.
import path from 'node:path';
import { JOB_ID_PATTERN } from '../jobs/job-id.js';
import { readSettings } from '../settings.js';
import { runJob } from './run-job.js';

const [root, jobId] = process.argv.slice(2);
if (!root || !path.isAbsolute(root) || !jobId || !JOB_ID_PATTERN.test(jobId)) {
  process.stderr.write('usage: runner <absolute job root> <jobId>\n');
  process.exit(2);
}
// No terminal, no reason to die with one.
process.on('SIGHUP', () => undefined);
await runJob(root, jobId, readSettings());
