// The installed package's root directory, found from this file so it works from src/ (tests) and dist/ (users).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findPackageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'claude-async') return dir;
    if (path.dirname(dir) === dir) throw new Error(`claude-async's package.json not found above ${from}`);
  }
}

// Compiled files live under dist/ whether the caller is compiled or not.
export function distPath(...parts: string[]): string {
  return path.join(findPackageRoot(), 'dist', ...parts);
}
