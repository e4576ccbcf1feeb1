// Reads the MCP server lists of every host config we know (install/host-configs). Reads only; a missing or broken
// file is reported, not fixed.
import { z } from 'zod';
import type { HostConfig } from '../../install/host-configs.js';
import { ConfigFileError, pickServers, readServersFile, type ServersFile } from '../../install/mcp-servers-file.js';

const ServerEntrySchema = z.object({
  command: z.string().optional(),
  args: z.array(z.string()).catch([]),
  env: z.record(z.string(), z.string()).catch({}),
});

export type RegisteredServer = z.infer<typeof ServerEntrySchema> & { name: string };

export type SourceReading =
  | { source: HostConfig; state: 'missing' }
  | { source: HostConfig; state: 'invalid'; reason: string }
  | { source: HostConfig; state: 'ok'; servers: RegisteredServer[] };

export async function readRegistrations(sources: HostConfig[]): Promise<SourceReading[]> {
  // Claude Code's user and local scopes share one file: read it once.
  const files = new Map<string, Promise<ServersFile>>();
  const read = (file: string) => files.get(file) ?? files.set(file, readServersFile(file)).get(file)!;
  return Promise.all(
    sources.map(async (source): Promise<SourceReading> => {
      try {
        const loaded = await read(source.file);
        if (!loaded.exists) return { source, state: 'missing' };
        const servers = Object.entries(pickServers(loaded, source.serversAt) ?? {}).flatMap(([name, entry]) => {
          const server = ServerEntrySchema.safeParse(entry);
          return server.success ? [{ ...server.data, name }] : [];
        });
        return { source, state: 'ok', servers };
      } catch (error) {
        if (error instanceof ConfigFileError) return { source, state: 'invalid', reason: error.reason };
        throw error;
      }
    }),
  );
}
