// Everything one reconcile pass is told, parsed and checked before anything is read: the loop, its
// files, the transport, the thresholds with the seed's precedence (explicit flag > profile > catalog
// default; heartbeat freshness apart from the profiles), the drift gating and the alert switch, each
// with the reference's environment fallback.
import * as E from 'fp-ts/lib/Either.js';
import { str, type Io, type Values } from '../../cli/command.js';
import { asOfOf } from '../../cli/clock.js';
import { usageError } from '../../cli/errors.js';
import {
  alertSwitchOf,
  driftGatingOf,
  wholeAtLeast,
  type AlertSwitch,
  type DriftGating,
} from '../../../lib/loop/reconcile-options.js';
import type { HealthThresholds } from '../../../lib/loop/health.js';
import { loopPathsOf, type LoopPaths } from '../../cli/loop-paths.js';
import { managerFiles, shownManagerFiles, type ManagerFiles } from '../../cli/manager-files.js';
import {
  catalogPath,
  heartbeatThresholdsFromFlags,
  thresholdsFromFlags,
} from '../observability/thresholds-flags.js';
import type { LoopAddress } from '../../../lib/io/nats/names.js';
import { addressOf, sourceUrl } from '../../cli/nats-flags.js';
import { transportSettings, type TransportSettings } from '../transport/flags.js';

export interface ReconcileSettings {
  readonly paths: LoopPaths;
  readonly files: ManagerFiles;
  /** The same files as the records name them (paths given on the command line as given). */
  readonly shownFiles: ManagerFiles;
  readonly transport: TransportSettings;
  readonly thresholds: HealthThresholds;
  readonly thresholdsFile: string;
  readonly maxEvents: number;
  readonly fromStart: boolean;
  readonly skipCorrupt: boolean;
  readonly traceId: string | null;
  readonly asOf: { readonly ms: number; readonly iso: string };
  readonly drift: DriftGating;
  readonly alerts: AlertSwitch;
  readonly pretty: boolean;
  /** `--state-dir` as given (opsfold's own state), for the passes that follow reconcile. */
  readonly stateDir: string | undefined;
  /** `--source nats://…`: the events come from the loop's JetStream subject; null: from the file. */
  readonly source: { readonly url: string; readonly at: LoopAddress } | null;
}

const sourceOf = (v: Values, loopId: string, mode: string): ReconcileSettings['source'] => {
  const url = sourceUrl(v);
  if (url === null) {
    if (str(v, 'fleet') !== undefined)
      throw usageError('--fleet names the stream of --source; give --source');
    return null;
  }
  if (mode !== 'local') throw usageError('--source reads the events itself: it needs --transport local');
  return { url, at: addressOf(v, loopId) };
};

/** A flag, else its environment variable (the reference's fallbacks), else the default. */
const setting = (v: Values, env: NodeJS.ProcessEnv, flag: string, envName: string): string | undefined =>
  str(v, flag) ?? (env[envName] === undefined || env[envName] === '' ? undefined : env[envName]);

const checked = <A>(r: E.Either<string, A>): A => {
  if (E.isLeft(r)) throw usageError(r.left);
  return r.right;
};

const driftOf = (v: Values, env: NodeJS.ProcessEnv) =>
  checked(
    driftGatingOf({
      minConfidence: setting(v, env, 'drift-min-confidence', 'OPS_MANAGER_DRIFT_MIN_CONFIDENCE'),
      requiredStreak: setting(v, env, 'drift-required-streak', 'OPS_MANAGER_DRIFT_REQUIRED_STREAK'),
      summaryWindow: setting(v, env, 'drift-summary-window', 'OPS_MANAGER_DRIFT_SUMMARY_WINDOW'),
    }),
  );

const alertsOf = (v: Values, env: NodeJS.ProcessEnv) =>
  checked(
    alertSwitchOf({
      enabled: setting(v, env, 'alerts-enabled', 'OPS_MANAGER_ALERTS_ENABLED'),
      configFile: setting(v, env, 'alert-config-file', 'OPS_MANAGER_ALERT_SINKS_FILE'),
    }),
  );

/** Parses the command line of `opsfold loop reconcile`; usage problems throw (exit 64). */
export const reconcileSettings = async (v: Values, io: Io): Promise<ReconcileSettings> => {
  const paths = loopPathsOf(v, io.cwd);
  const maxEvents = wholeAtLeast(str(v, 'max-events') ?? '0', 0);
  if (maxEvents === null) throw usageError('--max-events must be a non-negative integer');
  const drift = driftOf(v, io.env);
  const alerts = alertsOf(v, io.env);
  const transport = transportSettings(v, io);
  const source = sourceOf(v, paths.loopId, transport.mode);
  const ingest = await thresholdsFromFlags(v, io, { useEnvProfile: true });
  const heartbeat = heartbeatThresholdsFromFlags(v);
  return {
    paths,
    files: managerFiles(paths, v, io.cwd),
    shownFiles: shownManagerFiles(paths, v),
    transport,
    thresholds: { ...ingest, ...heartbeat },
    thresholdsFile: catalogPath(str(v, 'thresholds-file'), io).file,
    maxEvents,
    fromStart: v['from-start'] === true,
    skipCorrupt: v['skip-corrupt'] === true,
    traceId: str(v, 'trace-id') ?? null,
    asOf: asOfOf(v, io),
    drift,
    alerts,
    pretty: v['pretty'] === true,
    stateDir: str(v, 'state-dir'),
    source,
  };
};
