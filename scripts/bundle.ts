// `npm run bundle`: writes dist/claude-async-<version>.mcpb, the one-file Claude Desktop extension. It holds only what
// runs: package.json, the built dist/src, dist/runner and dist/board, and the production dependencies from node_modules.
// Usage: node dist/scripts/bundle.js [OUTPUT_DIR]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundleManifest } from '../src/install/bundle-manifest.js';
import { findPackageRoot } from '../src/package-root.js';

const root = findPackageRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { version: string; description: string; license: string };
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const output = path.join(outDir, `claude-async-${pkg.version}.mcpb`);
const stage = mkdtempSync(path.join(tmpdir(), 'claude-async-bundle-'));

// The lock file marks what production needs: entries that are not dev-only and not optional (react, an optional
// peer of the MCP Apps SDK that only dev tools install, stays out).
function listProductionPackages(): string[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages)
    .filter(([dir, entry]) => dir.startsWith('node_modules/') && !entry.dev && !entry.devOptional && !entry.optional)
    .map(([dir]) => dir);
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
}

try {
  // Source maps, TypeScript sources and typings (zod ships all three) do nothing at run time.
  const copy = (relative: string) => cpSync(path.join(root, relative), path.join(stage, relative), { recursive: true, filter: (file) => !/\.(map|[cm]?ts)$/.test(file) });
  copy(path.join('dist', 'src'));
  copy(path.join('dist', 'runner'));
  copy(path.join('dist', 'board'));
  for (const dir of listProductionPackages()) copy(dir);
  const { name, version, description, type, license, engines, bin, dependencies } = pkg;
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ name, version, description, type, license, engines, bin, dependencies }, null, 2)}\n`);
  writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify(buildBundleManifest(pkg), null, 2)}\n`);
  mkdirSync(outDir, { recursive: true });
  rmSync(output, { force: true });
  const mcpb = path.join(root, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');
  execFileSync(process.execPath, [mcpb, 'pack', stage, output], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.stdout.write(`${output} (${(statSync(output).size / 1024 / 1024).toFixed(1)} MB)\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
