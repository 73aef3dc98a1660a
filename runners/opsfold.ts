#!/usr/bin/env node
// The `opsfold` bin: real process streams, the real clock, then exit with the command's code. Built,
// the table is the lazy one: only the command that runs loads its domain (runners/lazy-commands.ts);
// run from the sources (tsx) there is no manifest and the eager table stands in.
import { loadManifest } from './lazy-commands.js';
import { bundledMain, lazyCommand } from './cli/lazy.js';
import { endOnClosedPipe } from './cli/closed-pipe.js';

// A reader that stopped early ends the command quietly, before anything after that write (a cursor).
endOnClosedPipe(process.stdout, () => process.exit(0));

const argv = process.argv.slice(2);
const entries = await loadManifest();
const table = entries?.map(lazyCommand) ?? (await import('./commands.js')).commands;
// A built command runs from its bundle, under the bundle's own `main` (runners/cli/lazy.ts).
const run =
  (entries === null ? null : await bundledMain(entries, table, argv)) ?? (await import('./cli/main.js')).main;
const code = await run(table, argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  now: () => Date.now(),
});
process.exitCode = code;
