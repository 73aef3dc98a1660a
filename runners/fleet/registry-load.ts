// Loading the fleet registry for a command: read (reference wording for a missing or unparsable file),
// validate fail-closed (`error: invalid fleet registry: <file>` then one `- <reason>` per problem)
// and normalize.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import { normalizeRegistry, type RegistryCheck } from '../../lib/fleet/registry-normalize.js';
import type { NormalizedRegistry } from '../../lib/fleet/registry-types.js';
import { CliError } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';

/** The normalized registry at `file`, or a CliError (exit 1) naming what is wrong. */
export const loadRegistry = async (
  file: string,
  check: RegistryCheck,
  loopFilter: string | null = null,
): Promise<NormalizedRegistry> => {
  if (!existsSync(file)) throw new CliError(`fleet registry file not found: ${file}`);
  const doc = await readJsonDoc(file, `invalid fleet registry JSON: ${file}`);
  if (!doc.found) throw new CliError(`fleet registry file not found: ${file}`);
  const r = normalizeRegistry(doc.value, file, check, loopFilter);
  if (E.isRight(r)) return r.right;
  if ('notFound' in r.left) throw new CliError(`loop not found in registry: ${r.left.notFound}`);
  throw new CliError(
    `invalid fleet registry: ${file}`,
    r.left.invalid.map((m) => `- ${m}`),
  );
};
