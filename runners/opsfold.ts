#!/usr/bin/env node
// The `opsfold` bin: real process streams, the real clock, then exit with the command's code. The
// table is the lazy one: only the command that runs loads its domain (runners/cli/lazy.ts).
import { lazyCommands } from './lazy-commands.js';
import { main } from './cli/main.js';

const code = await main(lazyCommands, process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  now: () => Date.now(),
});
process.exitCode = code;
