import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../src/settings.js';

describe('CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS', () => {
  it('defaults to 600 s and takes a whole number of seconds of at least 1', () => {
    expect(readSettings({}, '/home/me').permissionTimeoutSeconds).toBe(600);
    expect(readSettings({ CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS: '30' }, '/home/me').permissionTimeoutSeconds).toBe(30);
    expect(() => readSettings({ CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS: '0' }, '/home/me')).toThrow(new SettingsError("CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS must be a whole number >= 1, got '0'"));
    expect(() => readSettings({ CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS: 'soon' }, '/home/me')).toThrow("CLAUDE_ASYNC_PERMISSION_TIMEOUT_SECONDS must be a whole number >= 1, got 'soon'");
  });
});
