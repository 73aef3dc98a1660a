// `opsfold --version`: the version in the package.json that ships beside the code, read when asked, so
// it is the installed package's and not one baked in at build time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

export const packageVersion = (root: string = packageRoot()): string => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error(`${join(root, 'package.json')} has no version`);
  return version;
};
