// The build's last step, after tsc: makes the bins executable, bundles the runner, and builds the board page. A runner is started for
// every job, and Node loads one file much faster than the twenty modules it is written as (~15 ms a start here).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { distPath, findPackageRoot } from '../src/package-root.js';

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

// The job board is one self-contained HTML file: hosts render MCP Apps in a sandbox that loads nothing from other
// origins, so the script (with the MCP Apps SDK it uses) is inlined into the page.
const boardSource = path.join(findPackageRoot(), 'src', 'board', 'app');
const script = await build({
  entryPoints: [path.join(boardSource, 'board-app.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// "</script" inside the code would end the inline script early; the escaped form means the same to JavaScript.
const code = script.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
const page = readFileSync(path.join(boardSource, 'board.html'), 'utf8').replace('/*BOARD_SCRIPT*/', () => code);
mkdirSync(distPath('board'), { recursive: true });
writeFileSync(distPath('board', 'board.html'), page);
