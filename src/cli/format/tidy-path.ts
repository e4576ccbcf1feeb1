// Paths under the home directory read as ~/…, as a person would type them.
import { homedir } from 'node:os';
import path from 'node:path';

export function tidyPath(file: string, home = homedir()): string {
  if (file === home) return '~';
  return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}
