#!/usr/bin/env node
// The `opsfold` bin: real process streams, the real clock, then exit with the command's code. Built,
// the table is the lazy one: only the command that runs loads its domain (runners/lazy-commands.ts);
// run from the sources (tsx) there is no manifest and the eager table stands in.
import { loadLazyTable } from './lazy-commands.js';
import { main } from './cli/main.js';
import { endOnClosedPipe } from './cli/closed-pipe.js';

// A reader that stopped early ends the command quietly, before anything after that write (a cursor).
endOnClosedPipe(process.stdout, () => process.exit(0));

const table = (await loadLazyTable()) ?? (await import('./commands.js')).commands;
const code = await main(table, process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  now: () => Date.now(),
});
process.exitCode = code;
