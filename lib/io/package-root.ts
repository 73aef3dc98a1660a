// Finds opsfold's own package root (where fixtures/ and config/ ship), from dist/ or from source.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'opsfold')
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the opsfold package root');
    dir = up;
  }
};
