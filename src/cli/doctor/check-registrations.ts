// Which hosts would start this install of claude-async, and whether what they would start still exists.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { resolveClaudeCli } from '../../claude/resolve-cli.js';
import type { DoctorHost, Finding } from './finding.js';
import type { HostConfig as RegistrationSource } from '../../install/host-configs.js';
import type { RegisteredServer, SourceReading } from './read-registrations.js';

export function checkRegistrations(readings: SourceReading[], entryPath: string, host: DoctorHost): Finding[] {
  const findings: Finding[] = [];
  let registered = 0;
  for (const reading of readings) {
    if (reading.state === 'invalid') {
      findings.push({
        level: 'warn',
        text: `cannot read ${reading.source.host}'s config ${reading.source.file}: ${reading.reason}`,
        fix: `fix the file by hand (the host cannot read it either), then run: ${reading.source.register}`,
      });
    }
    if (reading.state !== 'ok') continue;
    for (const server of reading.servers) {
      const ours = [server.command, ...server.args].some((arg) => arg !== undefined && isSameFile(arg, entryPath));
      if (!ours && !mentionsClaudeAsync(server)) continue;
      registered += 1;
      findings.push(ours ? judgeOurEntry(server, reading.source, host) : judgeOtherEntry(server, reading.source));
    }
  }
  if (registered === 0) {
    const files = [...new Set(readings.map((reading) => reading.source.file))].join(', ');
    findings.push({
      level: 'warn',
      text: `no host is set up to start claude-async (looked in ${files})`,
      fix: 'claude-async register-desktop  (Claude Desktop), or  claude-async register-code  (Claude Code)',
    });
  }
  return findings;
}

function judgeOurEntry(server: RegisteredServer, source: RegistrationSource, host: DoctorHost): Finding {
  const where = `${source.host} (${source.file}): '${server.name}'`;
  if (server.command && path.isAbsolute(server.command) && !existsSync(server.command)) {
    return { level: 'fail', text: `${where} starts ${server.command}, which no longer exists`, fix: source.register };
  }
  const claudePath = server.env.CLAUDE_CLI_PATH;
  if (claudePath) {
    const cli = resolveClaudeCli({ env: { CLAUDE_CLI_PATH: claudePath }, platform: host.platform, home: host.home });
    if (!cli.found) return { level: 'fail', text: `${where} sets CLAUDE_CLI_PATH=${claudePath}, which is not an executable file`, fix: source.register };
  } else if (source.host === 'Claude Desktop') {
    return {
      level: 'warn',
      text: `${where} runs this install but sets no CLAUDE_CLI_PATH; Claude Desktop's short PATH rarely finds claude`,
      fix: source.register,
    };
  }
  return { level: 'ok', text: `${where} runs this install` };
}

function judgeOtherEntry(server: RegisteredServer, source: RegistrationSource): Finding {
  const where = `${source.host} (${source.file}): '${server.name}'`;
  const missing = server.args.find((arg) => path.isAbsolute(arg) && !existsSync(arg));
  if (missing) return { level: 'fail', text: `${where} points at ${missing}, which does not exist`, fix: source.register };
  return { level: 'ok', text: `${where} runs claude-async from elsewhere: ${[server.command, ...server.args].join(' ')}` };
}

function mentionsClaudeAsync(server: RegisteredServer): boolean {
  return server.name === 'claude-async' || [server.command ?? '', ...server.args].some((arg) => arg.includes('claude-async'));
}

// Registrations may name a symlink (a global bin) or the file itself.
function isSameFile(candidate: string, target: string): boolean {
  if (!path.isAbsolute(candidate)) return false;
  return realpathOrSelf(candidate) === realpathOrSelf(target);
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
