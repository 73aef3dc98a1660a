// The pure half of `npm run contracts`: codecs in, file texts out. Kept apart from the disk-touching CLI so
// tests can check the committed schemas (and the rendering rules) without writing anything.
import type * as t from 'io-ts';
import { toJsonSchema } from '../lib/core/json-schema.js';
import { stableJson } from '../lib/core/stable-json.js';

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const SCHEMA_SUFFIX = '.schema.json';

const CONTRACT_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/** The file name a contract is committed under, e.g. `run-record.schema.json`. */
export const contractFileName = (name: string): string => `${name}${SCHEMA_SUFFIX}`;

/** Pure: one file per codec, keyed by file name; sorted keys at every level, 2-space indent, trailing newline. */
export function renderContracts(codecs: Readonly<Record<string, t.Mixed>>): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of Object.keys(codecs).sort()) {
    if (!CONTRACT_NAME.test(name) || name.endsWith(SCHEMA_SUFFIX)) {
      throw new Error(`contract name "${name}" must be a plain file stem (letters, digits, . _ -)`);
    }
    const codec = codecs[name] as t.Mixed;
    const fileName = contractFileName(name);
    const schema = { $schema: SCHEMA_DIALECT, $id: `opsfold/contracts/${fileName}`, ...toJsonSchema(codec) };
    files.set(fileName, stableJson(schema));
  }
  return files;
}

export interface ContractDrift {
  readonly stale: string[];
  readonly missing: string[];
  readonly extra: string[];
}

/** Pure: how the files on disk (name -> text, *.schema.json only) differ from the rendered ones. */
export const contractDrift = (rendered: Map<string, string>, onDisk: Map<string, string>): ContractDrift => ({
  stale: [...rendered].filter(([n, text]) => onDisk.has(n) && onDisk.get(n) !== text).map(([n]) => n),
  missing: [...rendered.keys()].filter((n) => !onDisk.has(n)),
  extra: [...onDisk.keys()].filter((n) => !rendered.has(n)).sort(),
});
