// npm run docs: regenerates the CLI reference inside README.md from the command table.
import { readFileSync, writeFileSync } from 'node:fs';
import { commands } from '../runners/commands.js';
import { injectReference, renderReference } from './cli-reference-render.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = injectReference(before, renderReference(commands));
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'README.md: CLI reference up to date' : 'README.md: CLI reference updated');
