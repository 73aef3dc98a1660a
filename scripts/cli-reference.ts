// npm run docs:cli: regenerates docs/cli.md, the CLI reference, from the command descriptors.
import { readFileSync, writeFileSync } from 'node:fs';
import { commands } from '../runners/commands.js';
import { renderReference } from './cli-reference-render.js';

const path = new URL('../docs/cli.md', import.meta.url);
const before = ((): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
})();
const after = renderReference(commands);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'docs/cli.md: up to date' : 'docs/cli.md: updated');
