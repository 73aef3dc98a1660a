// `npm run lint` step: fails when the modules under lib/, runners/, bench/ and scripts/ import each
// other in a cycle, and names the files of each ring; and when a runner imports another domain's
// runner (beyond the shrinking allowlist in domain-imports.ts). Reads only import lines, so it takes
// well under a second where an ESLint cycle rule re-resolves the graph per file.
import { existsSync, readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { ALLOWED_CROSS_DOMAIN, checkDomains } from './domain-imports.js';
import { cyclesOf, importsOf } from './import-cycles.js';

const files = fg.sync(['{lib,runners,bench,scripts}/**/*.ts'], { ignore: ['**/node_modules/**'] }).sort();
const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'), existsSync)]));
const cycles = cyclesOf(graph);
for (const ring of cycles) console.error(`import cycle among: ${ring.join(', ')}`);
console.log(`import cycles: ${cycles.length} in ${files.length} modules`);
const domains = checkDomains(graph, ALLOWED_CROSS_DOMAIN);
for (const [from, to] of domains.refused)
  console.error(`runner imports another domain's runner: ${from} -> ${to} (move the shared step into lib)`);
for (const [from, to] of domains.stale)
  console.error(
    `allowlisted import no longer exists, remove it from scripts/domain-imports.ts: ${from} -> ${to}`,
  );
console.log(
  `cross-domain runner imports: ${domains.refused.length} refused, ${ALLOWED_CROSS_DOMAIN.length} allowlisted`,
);
process.exitCode = cycles.length === 0 && domains.refused.length === 0 && domains.stale.length === 0 ? 0 : 1;
