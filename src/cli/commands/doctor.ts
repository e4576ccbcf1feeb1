// `claude-async doctor`: checks this machine the way the server will meet it, each line ok, warn or fail with a fix.
import { homedir } from 'node:os';
import { Command } from 'commander';
import { runDoctor } from '../doctor/run-doctor.js';
import { formatFindings } from '../format/format-findings.js';
import { pickColors } from '../pick-colors.js';

export function doctorCommand(): Command {
  return new Command('doctor')
    .description('check Node, the claude CLI, the job directory, host registrations and jobs; exits 1 if anything fails')
    .action(async () => {
      const findings = await runDoctor({
        env: process.env,
        platform: process.platform,
        home: homedir(),
        cwd: process.cwd(),
        uid: process.getuid?.(),
        nodeVersion: process.versions.node,
      });
      process.stdout.write(`${formatFindings(findings, pickColors()).join('\n')}\n`);
      if (findings.some((finding) => finding.level === 'fail')) process.exitCode = 1;
    });
}
