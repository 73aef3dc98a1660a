// `npm run contracts`: regenerates contracts/*.schema.json from the io-ts codecs in lib/contracts-registry.ts
// and deletes schemas whose codec is gone. `--check` writes nothing and exits 1 when anything is out of date.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractCodecs } from '../lib/contracts-registry.js';
import { contractDrift, renderContracts, SCHEMA_SUFFIX } from './contracts-render.js';

export const CONTRACTS_DIR = fileURLToPath(new URL('../contracts/', import.meta.url));

/** The committed *.schema.json files, name -> text; empty when the directory does not exist yet. */
export const readContractsDir = (dir: string = CONTRACTS_DIR): Map<string, string> => {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(SCHEMA_SUFFIX));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  return new Map(names.sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
};

const main = (argv: readonly string[]): number => {
  const rendered = renderContracts(contractCodecs);
  const drift = contractDrift(rendered, readContractsDir());
  const problems = [
    ...drift.stale.map((n) => `stale:   contracts/${n}`),
    ...drift.missing.map((n) => `missing: contracts/${n}`),
    ...drift.extra.map((n) => `extra:   contracts/${n}`),
  ];
  if (argv.includes('--check')) {
    if (problems.length === 0) {
      console.log(`contracts: ${rendered.size} schema(s) up to date`);
      return 0;
    }
    console.error(
      `contracts are out of date (run npm run contracts):\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    return 1;
  }
  mkdirSync(CONTRACTS_DIR, { recursive: true });
  for (const n of [...drift.stale, ...drift.missing])
    writeFileSync(join(CONTRACTS_DIR, n), rendered.get(n) ?? '');
  for (const n of drift.extra) rmSync(join(CONTRACTS_DIR, n));
  for (const n of drift.stale) console.log(`contracts: updated contracts/${n}`);
  for (const n of drift.missing) console.log(`contracts: created contracts/${n}`);
  for (const n of drift.extra) console.log(`contracts: removed contracts/${n}`);
  console.log(`contracts: ${rendered.size} schema(s) in contracts/, ${problems.length} changed`);
  return 0;
};

const invokedPath = process.argv[1];
if (invokedPath && resolve(invokedPath) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
