// Reads the MCP server lists of the hosts we can register with: Claude Desktop's config, Claude Code's user and local
// scopes (~/.claude.json) and the project's .mcp.json. Reads only; a missing or broken file is reported, not fixed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { findDesktopConfig } from '../../install/desktop-config-path.js';
import { findClaudeUserConfig } from '../../install/register-code.js';
import type { DoctorHost } from './finding.js';

export interface RegistrationSource {
  host: string;
  file: string;
  // The command that (re)writes our entry here.
  register: string;
  pickServers: (config: Record<string, unknown>) => unknown;
}

const ServerEntrySchema = z.object({
  command: z.string().optional(),
  args: z.array(z.string()).catch([]),
  env: z.record(z.string(), z.string()).catch({}),
});

export type RegisteredServer = z.infer<typeof ServerEntrySchema> & { name: string };

export type SourceReading =
  | { source: RegistrationSource; state: 'missing' }
  | { source: RegistrationSource; state: 'invalid'; reason: string }
  | { source: RegistrationSource; state: 'ok'; servers: RegisteredServer[] };

const ConfigSchema = z.record(z.string(), z.unknown());
const asObject = (value: unknown): Record<string, unknown> => ConfigSchema.catch({}).parse(value ?? {});

export function listRegistrationSources(host: DoctorHost): RegistrationSource[] {
  const codeConfig = findClaudeUserConfig(host.env);
  return [
    {
      host: 'Claude Desktop',
      file: findDesktopConfig({ platform: host.platform, env: host.env, home: host.home }).path,
      register: 'claude-async register-desktop',
      pickServers: (config) => config.mcpServers,
    },
    { host: 'Claude Code, user scope', file: codeConfig, register: 'claude-async register-code --scope user', pickServers: (config) => config.mcpServers },
    {
      host: `Claude Code, local scope for ${host.cwd}`,
      file: codeConfig,
      register: 'claude-async register-code --scope local',
      pickServers: (config) => asObject(asObject(config.projects)[host.cwd]).mcpServers,
    },
    {
      host: 'Claude Code, project scope',
      file: path.join(host.cwd, '.mcp.json'),
      register: 'claude-async register-code --scope project',
      pickServers: (config) => config.mcpServers,
    },
  ];
}

export async function readRegistrations(sources: RegistrationSource[]): Promise<SourceReading[]> {
  const texts = new Map<string, Promise<string | undefined>>();
  const read = (file: string) => texts.get(file) ?? texts.set(file, readOptional(file)).get(file)!;
  return Promise.all(
    sources.map(async (source): Promise<SourceReading> => {
      let text: string | undefined;
      let config: unknown;
      try {
        text = await read(source.file);
        if (text === undefined) return { source, state: 'missing' };
        config = text.trim() === '' ? {} : JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (error) {
        return { source, state: 'invalid', reason: (error as Error).message };
      }
      const parsed = ConfigSchema.safeParse(config);
      if (!parsed.success) return { source, state: 'invalid', reason: 'its top level is not a JSON object' };
      const servers = Object.entries(asObject(source.pickServers(parsed.data))).flatMap(([name, entry]) => {
        const server = ServerEntrySchema.safeParse(entry);
        return server.success ? [{ ...server.data, name }] : [];
      });
      return { source, state: 'ok', servers };
    }),
  );
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
