// The page's own files (runners/dashboard/assets: plain HTML, CSS and JS modules, no build step),
// read once at start and served with a strict content security policy: scripts and styles only from
// this origin, no inline script, no framing.
import { promises as fsp } from 'node:fs';
import { extname, join } from 'node:path';
import { packageRoot } from '../cli/package-root.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

/** Where the assets ship: <package root>/runners/dashboard/assets (from source and from dist alike). */
export const defaultAssetsDir = (): string => join(packageRoot(), 'runners', 'dashboard', 'assets');

/** Loads every servable file of `dir` into memory. */
export const loadAssets = async (dir: string): Promise<ReadonlyMap<string, Asset>> => {
  const out = new Map<string, Asset>();
  for (const name of await fsp.readdir(dir)) {
    const type = TYPES[extname(name)];
    if (type !== undefined) out.set(name, { type, body: await fsp.readFile(join(dir, name)) });
  }
  return out;
};
