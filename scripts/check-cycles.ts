// `npm run lint` step: fails when the modules under lib/, runners/, bench/ and scripts/ import each
// other in a cycle, and names the files of each ring. Reads only import lines, so it takes well
// under a second where an ESLint cycle rule re-resolves the graph per file.
import { existsSync, readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { cyclesOf, importsOf } from './import-cycles.js';

const files = fg.sync(['{lib,runners,bench,scripts}/**/*.ts'], { ignore: ['**/node_modules/**'] }).sort();
const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'), existsSync)]));
const cycles = cyclesOf(graph);
for (const ring of cycles) console.error(`import cycle among: ${ring.join(', ')}`);
console.log(`import cycles: ${cycles.length} in ${files.length} modules`);
process.exitCode = cycles.length === 0 ? 0 : 1;
