// Which claude a server started from here would run, and whether it answers at all.
import { execFile } from 'node:child_process';
import { resolveClaudeCli } from '../../claude/resolve-cli.js';
import type { DoctorHost, Finding } from './finding.js';

const VERSION_TIMEOUT_MS = 5000;

export async function checkClaude(host: DoctorHost): Promise<Finding[]> {
  const cli = resolveClaudeCli({ env: host.env, platform: host.platform, home: host.home });
  if (!cli.found) return [{ level: 'fail', text: cli.message, fix: 'set CLAUDE_CLI_PATH to the output of `which claude` in the server\'s env, or install Claude Code' }];
  const where = `claude CLI ${cli.path} (found via ${cli.how})${cli.skipped ? `. ${cli.skipped}` : ''}`;
  const version = await readVersion(cli.path, host.env);
  if (version.ok) return [{ level: 'ok', text: `${where}: ${version.text}` }];
  return [
    {
      level: 'fail',
      text: `${where} did not answer --version: ${version.text}`,
      fix: `run '${cli.path} --version' in a terminal to see why; reinstall Claude Code or point CLAUDE_CLI_PATH at a working claude`,
    },
  ];
}

function readVersion(file: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; text: string }> {
  return new Promise((resolve) => {
    execFile(file, ['--version'], { env, timeout: VERSION_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
      const output = `${String(stdout).trim()} ${String(stderr).trim()}`.trim().split('\n')[0] ?? '';
      if (!error) resolve({ ok: true, text: output || '(no output)' });
      else if (error.killed) resolve({ ok: false, text: `no answer within ${VERSION_TIMEOUT_MS / 1000} s` });
      else resolve({ ok: false, text: output || error.message });
    });
  });
}
