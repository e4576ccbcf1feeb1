// A batch's outputDirectory is checked before any job starts: results written later by workers must have a place.
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';

// Creates the folder when missing; says what is wrong when it cannot hold the results.
export async function prepareOutputDirectory(dir: string): Promise<string | undefined> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) return `outputDirectory '${dir}' is a file, not a directory. Give the absolute path of a directory (it is created if missing).`;
  if (!info) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      return `outputDirectory '${dir}' could not be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Give a directory this user can write.`;
    }
  }
  try {
    await access(dir, constants.W_OK);
  } catch {
    return `outputDirectory '${dir}' is not writable by this user. Give a directory this user can write.`;
  }
  return undefined;
}
