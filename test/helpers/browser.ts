// Debian's Chromium driven by playwright-core (no browser download), headless and quiet: nothing it does leaves the
// machine. Screenshots go to test-output/ (gitignored) so a person can look at what a test saw.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { findPackageRoot } from '../../src/package-root.js';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60_000 });
}

export function screenshotPath(name: string): string {
  const dir = path.join(findPackageRoot(), 'test-output', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
