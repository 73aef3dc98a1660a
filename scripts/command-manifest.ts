// `npm run manifest` (also run by `npm run build`): regenerates runners/command-manifest.ts from the
// eager command table. `--check` writes nothing and exits 1 when the committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { commands } from '../runners/commands.js';
import { buildManifest, renderManifest } from './command-manifest-render.js';

const RUNNERS = fileURLToPath(new URL('../runners/', import.meta.url));
export const MANIFEST_FILE = `${RUNNERS}command-manifest.ts`;

/** The manifest file's text as `npm run manifest` writes it. */
export const manifestText = async (): Promise<string> => {
  const entries = await buildManifest(RUNNERS, `${RUNNERS}commands.ts`, commands);
  const options = (await prettier.resolveConfig(MANIFEST_FILE)) ?? {};
  return prettier.format(renderManifest(entries), { ...options, filepath: MANIFEST_FILE });
};

const main = async (argv: readonly string[]): Promise<number> => {
  const text = await manifestText();
  const current = (() => {
    try {
      return readFileSync(MANIFEST_FILE, 'utf8');
    } catch {
      return '';
    }
  })();
  if (argv.includes('--check')) {
    if (current === text) return 0;
    process.stderr.write('runners/command-manifest.ts is out of date: run npm run manifest\n');
    return 1;
  }
  if (current !== text) writeFileSync(MANIFEST_FILE, text);
  process.stdout.write(`runners/command-manifest.ts: ${commands.length} commands\n`);
  return 0;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = await main(process.argv.slice(2));
