// The bin's command table: descriptors from the manifest `npm run build` writes beside the compiled
// modules (dist/runners/command-manifest.json, see scripts/command-manifest.ts), each implementation
// imported when its command runs (runners/cli/lazy.ts). Run from the sources there is no manifest, and
// the caller falls back to the eager table in runners/commands.ts.
import { readFile } from 'node:fs/promises';
import type { Command } from './cli/command.js';
import { lazyCommand, type CommandEntry } from './cli/lazy.js';

export const MANIFEST_NAME = 'command-manifest.json';

/** The lazy table from the manifest in `dir` (this module's folder), or null when there is none. */
export const loadLazyTable = async (
  dir: URL = new URL('./', import.meta.url),
): Promise<readonly Command[] | null> => (await loadManifest(dir))?.map(lazyCommand) ?? null;

/** The manifest's entries in `dir`, or null when there is none. */
export const loadManifest = async (
  dir: URL = new URL('./', import.meta.url),
): Promise<CommandEntry[] | null> => {
  let text: string;
  try {
    text = await readFile(new URL(MANIFEST_NAME, dir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // The build wrote it from the command table; it is not input from outside.
  return JSON.parse(text) as CommandEntry[];
};
