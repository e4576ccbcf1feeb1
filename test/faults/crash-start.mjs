// A claude_start that dies part-way. It performs the steps of a start with the job store's own functions and, at the
// step named on its command line, says `at <step>` on stdout and freezes, for the test to SIGKILL its process tree.
// Usage: node crash-start.mjs <jobRoot> <jobId> <claudePath> <workFolder> <step>
import { writeSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const [root, jobId, claudePath, workFolder, step] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { createJob, inspectJob } = await import('../../dist/src/jobs/index.js');
const { rootPaths } = await import('../../dist/src/jobs/layout.js');
const { startWorker } = await import('../../dist/src/runner/launch.js');

function freezeAt(here) {
  if (here !== step) return;
  writeSync(1, `at ${step}\n`);
  // Blocks this thread for good: no later step can run, exactly as if the process had died here.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

// mid-create: createJob has written job.json and the index entry, and not yet the queue entry, its commit point.
// The job store makes entries as hard links, synchronously, so the hook is on linkSync.
const fs = require('node:fs');
const linkSync = fs.linkSync;
fs.linkSync = (existing, entry) => {
  linkSync(existing, entry);
  if (path.dirname(String(entry)) === rootPaths(root).index) freezeAt('mid-create');
};
syncBuiltinESMExports();

freezeAt('before-record');
await createJob(root, { jobId, prompt: '@sleep 1500', workFolder, claudePath, claude: { skipPermissions: true }, env: { ...process.env }, maxLogBytes: 0 });
freezeAt('after-record');
startWorker(root);
freezeAt('after-worker-launched');
const deadline = Date.now() + 20_000;
while (!(await inspectJob(root, jobId)).runner?.claude) {
  if (Date.now() > deadline) throw new Error(`claude of ${jobId} did not start`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
freezeAt('after-claude-started');
writeSync(1, `no step named ${step}\n`);
