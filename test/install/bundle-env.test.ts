// A bundle's boolean setting reaches the server as "true"/"false"; claude reads IS_SANDBOX only as "1".
import { describe, expect, it } from 'vitest';
import { normalizeBundleEnv } from '../../src/install/bundle-env.js';

describe('normalizeBundleEnv', () => {
  it.each([
    ['true', '1'],
    ['false', undefined],
    ['', undefined],
    ['1', '1'],
    [undefined, undefined],
  ])('IS_SANDBOX=%j becomes %j', (given, expected) => {
    const env: NodeJS.ProcessEnv = given === undefined ? {} : { IS_SANDBOX: given };
    normalizeBundleEnv(env);
    expect(env.IS_SANDBOX).toBe(expected);
  });
});
