// The package's version, read from package.json so it is said in one place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from './package-root.js';

export const PACKAGE_VERSION: string = JSON.parse(readFileSync(path.join(findPackageRoot(), 'package.json'), 'utf8')).version;
