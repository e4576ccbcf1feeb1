// Ends every process working for a job directory, runners launched a moment ago included (they are in no record
// yet, but carry the directory on their command line); claude groups are found from the records.
import { findProcessesWithArg, killPids } from './e2e-bed.js';
import { killJobProcesses } from './job-root.js';
import { waitFor } from './wait-for.js';

export async function stopJobDir(jobDir: string): Promise<void> {
  await waitFor(
    async () => {
      killPids(findProcessesWithArg(jobDir));
      await killJobProcesses(jobDir);
      return findProcessesWithArg(jobDir).length === 0;
    },
    `every process of ${jobDir} to end`,
    20_000,
    100,
  );
}
