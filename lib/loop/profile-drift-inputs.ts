// Whether profile-drift's named profiles are in the catalog (only `.profiles` being an object is
// required of it there).
import { isObject } from '../core/json-object.js';

export type ProfileNames = Readonly<Record<'applied' | 'recommended', string | null>>;

export type CatalogProblem =
  { readonly kind: 'no_profiles' } | { readonly kind: 'unknown'; readonly message: string };

/** What is wrong with the catalog for these names (a missing catalog is `undefined`), or null. */
export const profileNamesProblem = (catalog: unknown, names: ProfileNames): CatalogProblem | null => {
  const profiles = isObject(catalog) ? catalog['profiles'] : undefined;
  if (!isObject(profiles)) return { kind: 'no_profiles' };
  for (const [which, name] of Object.entries(names))
    if (name !== null && !Object.hasOwn(profiles, name))
      return { kind: 'unknown', message: `unknown ${which} profile: ${name}` };
  return null;
};
