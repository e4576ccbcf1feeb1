// Node 20 or newer: the oldest line the server and the runner are built and tested on.
import type { DoctorHost, Finding } from './finding.js';

const MIN_MAJOR = 20;

export function checkNode(host: DoctorHost): Finding[] {
  const major = Number(host.nodeVersion.split('.')[0]);
  if (major >= MIN_MAJOR) return [{ level: 'ok', text: `Node.js ${host.nodeVersion}` }];
  return [
    {
      level: 'fail',
      text: `Node.js ${host.nodeVersion} is too old: claude-async needs ${MIN_MAJOR} or newer`,
      fix: `install Node.js ${MIN_MAJOR} or newer (https://nodejs.org, or your version manager), then register the server again so hosts use it`,
    },
  ];
}
