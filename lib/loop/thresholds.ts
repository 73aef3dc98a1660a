// Threshold profiles: the versioned catalog (config/ops-manager-threshold-profiles.v1.json), one
// profile's values, and the thresholds a run applies. Precedence (seed "Reconcile"): an explicit
// `--degraded-*`/`--critical-*` flag > the selected profile (`--threshold-profile`, else
// OPS_MANAGER_THRESHOLD_PROFILE) > the catalog's `defaultProfile`. Runtime heartbeat freshness has its
// own thresholds (120/300 s), outside the profiles. Pure: the runner reads the file and the
// environment; every rejection is returned as the reference's own error line, never thrown.
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { readView } from './lenient.js';
import { CatalogView, type ProfileEntryView, type ProfileTable } from './threshold-views.js';

export const INGEST_KEYS = [
  'degradedIngestLagSeconds',
  'criticalIngestLagSeconds',
  'degradedTransportFailureStreak',
  'criticalTransportFailureStreak',
] as const;
export type IngestThresholdKey = (typeof INGEST_KEYS)[number];
export type IngestThresholds = Readonly<Record<IngestThresholdKey, number>>;

/** The values the reference's health step uses when it is given no thresholds at all. */
export const BUILTIN_INGEST_THRESHOLDS: IngestThresholds = {
  degradedIngestLagSeconds: 300,
  criticalIngestLagSeconds: 900,
  degradedTransportFailureStreak: 2,
  criticalTransportFailureStreak: 4,
};

export interface HeartbeatThresholds {
  readonly degradedHeartbeatLagSeconds: number;
  readonly criticalHeartbeatLagSeconds: number;
}

export const DEFAULT_HEARTBEAT_THRESHOLDS: HeartbeatThresholds = {
  degradedHeartbeatLagSeconds: 120,
  criticalHeartbeatLagSeconds: 300,
};

/** The flag that sets each threshold; the reference names it (without dashes) in its error lines. */
export const FLAG_OF: Readonly<Record<IngestThresholdKey | keyof HeartbeatThresholds, string>> = {
  degradedIngestLagSeconds: 'degraded-ingest-lag-seconds',
  criticalIngestLagSeconds: 'critical-ingest-lag-seconds',
  degradedTransportFailureStreak: 'degraded-transport-failure-streak',
  criticalTransportFailureStreak: 'critical-transport-failure-streak',
  degradedHeartbeatLagSeconds: 'degraded-heartbeat-lag-seconds',
  criticalHeartbeatLagSeconds: 'critical-heartbeat-lag-seconds',
};

/** Why thresholds could not be resolved: a bad flag value (usage) or a bad catalog (input). */
export interface ThresholdError {
  readonly kind: 'flag' | 'catalog';
  readonly message: string;
}

/** What `opsfold loop threshold-profile` prints: one profile resolved from the catalog. */
export interface ResolvedProfile {
  readonly schemaVersion: 'v1';
  readonly sourceFile: string;
  readonly profile: string;
  readonly values: IngestThresholds;
  readonly description?: string;
}

export interface Catalog {
  readonly defaultProfile: string | null;
  readonly profiles: ProfileTable;
}

const catalogError = (message: string): ThresholdError => ({ kind: 'catalog', message });

/** Pure: the reference's shape check (schemaVersion v1, a non-empty `profiles` object). */
export const checkCatalog = (doc: unknown): E.Either<ThresholdError, Catalog> => {
  const { schemaVersion, defaultProfile, profiles } = readView(CatalogView, doc);
  return schemaVersion === 'v1' && profiles !== null
    ? E.right({ defaultProfile, profiles })
    : E.left(catalogError('threshold profiles file has invalid shape'));
};

/** Pure: the profile names, sorted as `jq keys` sorts them. */
export const profileNames = (c: Catalog): string[] => Object.keys(c.profiles).sort();

const valuesOf = (p: ProfileEntryView): IngestThresholds | null => {
  const [dl, cl, ds, cs] = INGEST_KEYS.map((k) => p[k]);
  if (dl == null || cl == null || ds == null || cs == null || cl < dl || cs < ds) return null;
  return {
    degradedIngestLagSeconds: dl,
    criticalIngestLagSeconds: cl,
    degradedTransportFailureStreak: ds,
    criticalTransportFailureStreak: cs,
  };
};

const nonEmpty = (s: string | null | undefined): string | null =>
  s === null || s === undefined || s === '' ? null : s;

/** Pure: one profile of a catalog (`name` null → the catalog's defaultProfile), fail-closed. */
export const resolveProfile = (
  catalog: Catalog,
  sourceFile: string,
  name: string | null,
): E.Either<ThresholdError, ResolvedProfile> => {
  const profile = nonEmpty(name) ?? nonEmpty(catalog.defaultProfile);
  if (profile === null) return E.left(catalogError('profile name is required and defaultProfile is missing'));
  const entry = Object.hasOwn(catalog.profiles, profile) ? catalog.profiles[profile] : null;
  if (entry == null) return E.left(catalogError(`unknown threshold profile: ${profile}`));
  const values = valuesOf(entry);
  if (values === null) return E.left(catalogError(`threshold profile values are invalid: ${profile}`));
  const description = entry.description;
  return E.right({
    schemaVersion: 'v1',
    sourceFile,
    profile,
    values,
    ...(description == null ? {} : { description: String(description) }),
  });
};

type Raw<K extends string> = Readonly<Partial<Record<K, string>>>;

/** Whole non-negative integers only (`^[0-9]+$`), as the reference checks every threshold. */
const wholeValues = <K extends IngestThresholdKey | keyof HeartbeatThresholds>(
  raw: Readonly<Record<K, string>>,
  keys: readonly K[],
  kindOf: (k: K) => ThresholdError['kind'],
): E.Either<ThresholdError, Record<K, number>> => {
  const out = {} as Record<K, number>;
  for (const k of keys) {
    if (!/^[0-9]+$/.test(raw[k]))
      return E.left({ kind: kindOf(k), message: `${FLAG_OF[k]} must be a non-negative integer` });
    out[k] = Number(raw[k]);
  }
  return E.right(out);
};

/** `value` when its critical threshold is at least its degraded one (`pair` = [degraded, critical]). */
const ordered = <T>(pair: readonly [number, number], what: string, value: T): E.Either<ThresholdError, T> =>
  pair[1] < pair[0]
    ? E.left({ kind: 'flag', message: `critical ${what} threshold must be >= degraded threshold` })
    : E.right(value);

/** Pure: checks ingest thresholds (whole numbers; critical >= degraded) as the reference does. */
export const checkIngestThresholds = (
  raw: Readonly<Record<IngestThresholdKey, string>>,
  kindOf: (k: IngestThresholdKey) => ThresholdError['kind'] = () => 'flag',
): E.Either<ThresholdError, IngestThresholds> =>
  pipe(
    wholeValues(raw, INGEST_KEYS, kindOf),
    E.chain((v) => ordered([v.degradedIngestLagSeconds, v.criticalIngestLagSeconds], 'ingest lag', v)),
    E.chain((v) =>
      ordered([v.degradedTransportFailureStreak, v.criticalTransportFailureStreak], 'transport failure', v),
    ),
  );

export interface ThresholdRequest {
  /** The parsed catalog document (validated here). */
  readonly catalog: unknown;
  readonly sourceFile: string;
  /** `--threshold-profile`; empty or null when not given. */
  readonly flagProfile: string | null;
  /** OPS_MANAGER_THRESHOLD_PROFILE; empty or null when unset. */
  readonly envProfile: string | null;
  /** Explicit `--degraded-*`/`--critical-*` values, as typed. */
  readonly explicit: Raw<IngestThresholdKey>;
}

export interface AppliedThresholds extends IngestThresholds {
  readonly profile: string;
}

/**
 * Pure: the ingest thresholds a run applies. Explicit flag > profile (flag, else env) > catalog
 * default; the catalog is consulted even when every value is explicit (the reference does too).
 */
export const resolveThresholds = (r: ThresholdRequest): E.Either<ThresholdError, AppliedThresholds> =>
  pipe(
    checkCatalog(r.catalog),
    E.chain((c) => resolveProfile(c, r.sourceFile, nonEmpty(r.flagProfile) ?? nonEmpty(r.envProfile))),
    E.chain((p) => {
      const raw = Object.fromEntries(
        INGEST_KEYS.map((k) => [k, r.explicit[k] ?? String(p.values[k])]),
      ) as Record<IngestThresholdKey, string>;
      const kindOf = (k: IngestThresholdKey) => (r.explicit[k] === undefined ? 'catalog' : 'flag');
      return pipe(
        checkIngestThresholds(raw, kindOf),
        E.map((v) => ({ profile: p.profile, ...v })),
      );
    }),
  );

/** Pure: heartbeat freshness thresholds (defaults 120/300 s), independent of the profiles. */
export const resolveHeartbeatThresholds = (
  explicit: Raw<keyof HeartbeatThresholds>,
): E.Either<ThresholdError, HeartbeatThresholds> =>
  pipe(
    wholeValues(
      {
        degradedHeartbeatLagSeconds:
          explicit.degradedHeartbeatLagSeconds ??
          String(DEFAULT_HEARTBEAT_THRESHOLDS.degradedHeartbeatLagSeconds),
        criticalHeartbeatLagSeconds:
          explicit.criticalHeartbeatLagSeconds ??
          String(DEFAULT_HEARTBEAT_THRESHOLDS.criticalHeartbeatLagSeconds),
      },
      ['degradedHeartbeatLagSeconds', 'criticalHeartbeatLagSeconds'] as const,
      () => 'flag',
    ),
    E.chain((v) =>
      ordered([v.degradedHeartbeatLagSeconds, v.criticalHeartbeatLagSeconds], 'heartbeat lag', v),
    ),
  );
