// The relay a job's runner hands claude: this Node running our own binary in its relay mode, for this job's directory.
import { distPath } from '../package-root.js';
import { describeRelayLaunch, type RelayLaunch } from './relay-launch.js';

export function relayForJob(jobDir: string, timeoutSeconds: number): RelayLaunch {
  return describeRelayLaunch(process.execPath, distPath('src', 'cli', 'main.js'), jobDir, timeoutSeconds);
}
