// Loading the fleet registry for a command: read (reference wording for a missing or unparsable file),
// validate fail-closed (`error: invalid fleet registry: <file>` then one `- <reason>` per problem)
// and normalize.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { FleetPaths } from '../../lib/fleet/layout.js';
import { normalizeRegistry, type RegistryCheck } from '../../lib/fleet/registry-normalize.js';
import type { NormalizedRegistry } from '../../lib/fleet/registry-types.js';
import { CliError } from '../cli/errors.js';
import { requiredDoc } from './docs.js';

/** The normalized registry of the fleet, or a CliError (exit 1) naming what is wrong. */
export const loadRegistry = async (
  p: FleetPaths,
  check: RegistryCheck,
  loopFilter: string | null = null,
): Promise<NormalizedRegistry> => {
  const file = p.registryFile;
  const doc = await requiredDoc(p, file, t.unknown, {
    missing: `fleet registry file not found: ${file}`,
    invalid: `invalid fleet registry JSON: ${file}`,
  });
  const r = normalizeRegistry(doc, file, check, loopFilter);
  if (E.isRight(r)) return r.right;
  if ('notFound' in r.left) throw new CliError(`loop not found in registry: ${r.left.notFound}`);
  throw new CliError(
    `invalid fleet registry: ${file}`,
    r.left.invalid.map((m) => `- ${m}`),
  );
};
