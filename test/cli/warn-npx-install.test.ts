import { describe, expect, it } from 'vitest';
import { warnNpxInstall } from '../../src/cli/warn-npx-install.js';

describe('warnNpxInstall', () => {
  it.each([
    ['/home/me/.npm/_npx/4b1c/node_modules/claude-async/dist/src/cli/main.js', 1],
    ['C:\\Users\\me\\AppData\\Local\\npm-cache\\_npx\\4b1c\\node_modules\\claude-async\\dist\\src\\cli\\main.js', 1],
    ['/usr/local/lib/node_modules/claude-async/dist/src/cli/main.js', 0],
    ['/home/me/src/claude-async/dist/src/cli/main.js', 0],
  ])('%s: %i warning(s)', (entry, count) => {
    const warnings = warnNpxInstall(entry);
    expect(warnings).toHaveLength(count);
    if (count) expect(warnings[0]).toContain('npm link');
  });
});
