// claude refuses --dangerously-skip-permissions as root unless IS_SANDBOX=1, so every default job would fail.
import type { DoctorHost, Finding } from './finding.js';

export function checkRoot(host: DoctorHost): Finding[] {
  if (host.uid !== 0) return [{ level: 'ok', text: 'not running as root' }];
  if (host.env.IS_SANDBOX === '1') return [{ level: 'ok', text: 'running as root with IS_SANDBOX=1: claude accepts skipPermissions jobs' }];
  return [
    {
      level: 'warn',
      text: 'running as root without IS_SANDBOX=1: claude refuses --dangerously-skip-permissions as root, so jobs with skipPermissions (the default) will fail',
      fix: "in a container or VM you trust, set IS_SANDBOX=1 in the server's env (register-desktop and register-code do so when run as root; the bundle has a setting for it); otherwise run as a normal user or start jobs with skipPermissions: false",
    },
  ];
}
