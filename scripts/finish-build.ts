// The build's second step, after tsc: makes the bins executable and bundles the runner. A runner is started for
// every job, and Node loads one file much faster than the twenty modules it is written as (~15 ms a start here).
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';
import { distPath } from '../src/package-root.js';

for (const bin of [distPath('src', 'cli', 'main.js'), distPath('src', 'selftest', 'stand-in-claude.js')]) chmodSync(bin, 0o755);

await build({
  entryPoints: [distPath('src', 'runner', 'main.js')],
  outdir: distPath('runner'),
  bundle: true,
  // What the runner loads only at need (the queue, the result file) stays in chunks of its own.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay in node_modules, loaded only by the code that needs them.
  packages: 'external',
  logLevel: 'warning',
});
