// The threshold flags shared by health, reconcile and profile-drift, and the catalog file behind
// them. The catalog defaults to the one shipped with opsfold (the reference reads the one beside its
// scripts, not the target repo's); OPS_MANAGER_THRESHOLD_PROFILES_FILE or a flag names another.
import * as E from 'fp-ts/lib/Either.js';
import { join, resolve } from 'node:path';
import {
  FLAG_OF,
  INGEST_KEYS,
  checkCatalog,
  resolveHeartbeatThresholds,
  resolveThresholds,
  type AppliedThresholds,
  type HeartbeatThresholds,
  type IngestThresholdKey,
  type ThresholdError,
} from '../../../lib/loop/thresholds.js';
import { str, type Flag, type Io, type Values } from '../../cli/command.js';
import { CliError, usageError } from '../../cli/errors.js';
import { readJsonDoc } from '../../cli/json-doc.js';
import { packageRoot } from '../../cli/package-root.js';

export const CATALOG_FILE = join('config', 'ops-manager-threshold-profiles.v1.json');
export const PROFILE_ENV = 'OPS_MANAGER_THRESHOLD_PROFILE';
export const CATALOG_ENV = 'OPS_MANAGER_THRESHOLD_PROFILES_FILE';

const n = (help: string): Flag => ({ type: 'string', arg: 'n', help });

export const ingestThresholdFlags = {
  'degraded-ingest-lag-seconds': n('Degraded ingest staleness threshold (profile value by default).'),
  'critical-ingest-lag-seconds': n('Critical ingest staleness threshold (profile value by default).'),
  'degraded-transport-failure-streak': n('Degraded transport failure streak (profile value by default).'),
  'critical-transport-failure-streak': n('Critical transport failure streak (profile value by default).'),
} as const;

export const heartbeatThresholdFlags = {
  'degraded-heartbeat-lag-seconds': n(
    'Degraded runtime heartbeat lag (default: 120); not part of the profiles.',
  ),
  'critical-heartbeat-lag-seconds': n(
    'Critical runtime heartbeat lag (default: 300); not part of the profiles.',
  ),
} as const;

export const profileFlags = {
  'threshold-profile': {
    type: 'string',
    arg: 'name',
    help: `Threshold profile from the catalog (default: ${PROFILE_ENV}, else the catalog defaultProfile).`,
  },
  'thresholds-file': {
    type: 'string',
    arg: 'path',
    help: `Threshold profile catalog (default: ${CATALOG_ENV}, else opsfold's ${CATALOG_FILE}).`,
  },
} as const satisfies Record<string, Flag>;

/** The catalog path: the flag named, else the environment, else the shipped catalog. */
export const catalogPath = (given: string | undefined, io: Io): { file: string; shownAs: string } => {
  const named = given !== undefined && given !== '' ? given : io.env[CATALOG_ENV];
  if (named !== undefined && named !== '') return { file: resolve(io.cwd, named), shownAs: named };
  const file = join(packageRoot(), CATALOG_FILE);
  return { file, shownAs: file };
};

/** Reads the catalog; missing or unparsable → exit 1 with the reference's error line. */
export const loadCatalog = async (file: string, shownAs: string): Promise<unknown> => {
  const doc = await readJsonDoc(file, `invalid threshold profiles JSON: ${shownAs}`, shownAs);
  if (!doc.found) throw new CliError(`threshold profiles file not found: ${shownAs}`);
  return doc.value;
};

/** A ThresholdError as the CLI reports it: a bad flag value is a usage error, a bad catalog input. */
export const thresholdFailure = (e: ThresholdError, shownAs?: string): CliError =>
  e.kind === 'flag'
    ? usageError(e.message)
    : new CliError(e.message, shownAs === undefined ? [] : [`catalog: ${shownAs}`]);

/** The explicit ingest threshold flags given, as typed. */
export const explicitIngestThresholds = (v: Values): Partial<Record<IngestThresholdKey, string>> =>
  Object.fromEntries(
    INGEST_KEYS.flatMap((k) => {
      const x = str(v, FLAG_OF[k]);
      return x === undefined ? [] : [[k, x]];
    }),
  );

/** Thresholds with the seed's precedence, read from the flags, the environment and the catalog. */
export const thresholdsFromFlags = async (
  v: Values,
  io: Io,
  options: { readonly useEnvProfile: boolean },
): Promise<AppliedThresholds> => {
  const { file, shownAs } = catalogPath(str(v, 'thresholds-file'), io);
  const catalog = await loadCatalog(file, shownAs);
  const r = resolveThresholds({
    catalog,
    sourceFile: shownAs,
    flagProfile: str(v, 'threshold-profile') ?? null,
    envProfile: options.useEnvProfile ? (io.env[PROFILE_ENV] ?? null) : null,
    explicit: explicitIngestThresholds(v),
  });
  if (E.isLeft(r)) throw thresholdFailure(r.left, shownAs);
  return r.right;
};

/** The catalog, checked for shape, for commands that only look profile names up. */
export const checkedCatalog = async (given: string | undefined, io: Io) => {
  const { file, shownAs } = catalogPath(given, io);
  const c = checkCatalog(await loadCatalog(file, shownAs));
  if (E.isLeft(c)) throw thresholdFailure(c.left, shownAs);
  return { catalog: c.right, shownAs };
};

/** Heartbeat freshness thresholds from their flags (defaults 120/300 s). */
export const heartbeatThresholdsFromFlags = (v: Values): HeartbeatThresholds => {
  const r = resolveHeartbeatThresholds({
    degradedHeartbeatLagSeconds: str(v, 'degraded-heartbeat-lag-seconds'),
    criticalHeartbeatLagSeconds: str(v, 'critical-heartbeat-lag-seconds'),
  });
  if (E.isLeft(r)) throw thresholdFailure(r.left);
  return r.right;
};
