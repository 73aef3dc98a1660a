// `npm run build` runs this after tsc: writes dist/runners/command-manifest.json, every command's
// descriptor (what --help and the flag parser read) and the module and export that implement it, from
// the eager table in runners/commands.ts. The bin reads it, so `opsfold --help` loads no domain and a
// command's modules load only when it runs (runners/lazy-commands.ts). A build artifact, never edited.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandEntry } from '../runners/cli/lazy.js';
import { commands } from '../runners/commands.js';
import { MANIFEST_NAME } from '../runners/lazy-commands.js';
import { buildManifest } from './command-manifest-render.js';

const RUNNERS = fileURLToPath(new URL('../runners/', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../dist/runners/', import.meta.url));

/** The manifest's entries for the current sources, in table order. */
export const manifestEntries = (): Promise<CommandEntry[]> =>
  buildManifest(RUNNERS, `${RUNNERS}commands.ts`, commands);

/** Writes the manifest into `dir` (dist/runners/ by default); resolves to the number of commands. */
export const writeManifest = async (dir: string = OUT_DIR): Promise<number> => {
  const entries = await manifestEntries();
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${MANIFEST_NAME}`, `${JSON.stringify(entries)}\n`);
  return entries.length;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1])
  process.stdout.write(`dist/runners/${MANIFEST_NAME}: ${await writeManifest()} commands\n`);
