#!/usr/bin/env node
// The `opsfold` bin: real process streams, the real clock, then exit with the command's code.
import { commands } from './commands.js';
import { main } from './cli/main.js';

const code = await main(commands, process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  now: () => Date.now(),
});
process.exitCode = code;
