// Every check the doctor makes, in the order a person fixes things: runtime, claude, job directory, hosts, jobs.
import { listHostConfigs } from '../../install/host-configs.js';
import { findPackageEntry } from '../../install/server-entry.js';
import { readSettings, SettingsError } from '../../settings.js';
import { checkClaude } from './check-claude.js';
import { checkJobDir } from './check-job-dir.js';
import { checkJobs } from './check-jobs.js';
import { checkNode } from './check-node.js';
import { checkRegistrations } from './check-registrations.js';
import { checkRoot } from './check-root.js';
import type { DoctorHost, Finding } from './finding.js';
import { readRegistrations } from './read-registrations.js';

export async function runDoctor(host: DoctorHost): Promise<Finding[]> {
  const findings = [...checkNode(host), ...(await checkClaude(host))];
  const jobDir = readJobDir(host, findings);
  if (jobDir !== undefined) findings.push(...checkJobDir(jobDir, host));
  const readings = await readRegistrations(listHostConfigs(host));
  findings.push(...checkRegistrations(readings, findPackageEntry(), host));
  if (jobDir !== undefined) findings.push(...(await checkJobs(jobDir)));
  findings.push(...checkRoot(host));
  return findings;
}

// A malformed setting stops the server at start, so it is a failure here too, not a crash of the doctor.
function readJobDir(host: DoctorHost, findings: Finding[]): string | undefined {
  try {
    return readSettings(host.env, host.home).jobDir;
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    findings.push({ level: 'fail', text: `settings: ${error.message}`, fix: "correct that variable in the server's env (and in this shell, to check again)" });
    return undefined;
  }
}
