// The threshold profiles catalog (config/ops-manager-threshold-profiles.v1.json) as the profile step
// reads it: a lenient view, decoded once where the file is checked. Each profile keeps its numbers
// only when they are JSON numbers, as the reference's `type == "number"` checks do.
import type * as t from 'io-ts';
import { AnyString, FiniteNumber, JsonValue as J, lenient, lenientObject, readView } from './lenient.js';
import { isObject } from '../core/json-object.js';

/** One profile of the catalog. */
export const ProfileEntryView = lenientObject(
  {
    degradedIngestLagSeconds: FiniteNumber,
    criticalIngestLagSeconds: FiniteNumber,
    degradedTransportFailureStreak: FiniteNumber,
    criticalTransportFailureStreak: FiniteNumber,
    description: J,
  },
  'ProfileEntryView',
);
export type ProfileEntryView = t.TypeOf<typeof ProfileEntryView>;

/** The profiles by name (a null profile kept as null, so it reads as unknown); null when not a table. */
export type ProfileTable = Readonly<Record<string, ProfileEntryView | null>>;
const ProfileTable = lenient(
  'ProfileTable',
  (u): u is ProfileTable | null => u === null || isObject(u),
  (u) =>
    isObject(u) && Object.keys(u).length > 0
      ? Object.fromEntries(
          Object.entries(u).map(([name, p]) => [name, p == null ? null : readView(ProfileEntryView, p)]),
        )
      : null,
);

/** The catalog document. */
export const CatalogView = lenientObject(
  { schemaVersion: J, defaultProfile: AnyString, profiles: ProfileTable },
  'CatalogView',
);
