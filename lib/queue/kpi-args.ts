// `queue kpi`'s thresholds from their flag values, read as argparse's type=float / type=int read them,
// with argparse's message for a value that is not a number (the runner exits 64 where argparse exits 2).
import * as E from 'fp-ts/lib/Either.js';
import type { KpiThresholds } from './kpi.js';
import { pyParseFloat, pyParseInt } from './pynum.js';

export type KpiArgs = KpiThresholds & { readonly staleMinutes: number };

const numberArg = (
  raw: string | undefined,
  name: string,
  dflt: number,
  kind: 'float' | 'int',
): E.Either<string, number> => {
  if (raw === undefined) return E.right(dflt);
  const n = kind === 'float' ? pyParseFloat(raw) : pyParseInt(raw);
  return n === null ? E.left(`argument --${name}: invalid ${kind} value: '${raw}'`) : E.right(n);
};

/** The thresholds from `flag(name)` (undefined when not given), or the message for the first bad one. */
export const kpiArgsOf = (flag: (name: string) => string | undefined): E.Either<string, KpiArgs> => {
  const arg = (name: string, dflt: number, kind: 'float' | 'int') => numberArg(flag(name), name, dflt, kind);
  const maxFailureRate = arg('max-failure-rate', 0.2, 'float');
  if (E.isLeft(maxFailureRate)) return maxFailureRate;
  const maxLatencyP95Ms = arg('max-latency-p95-ms', 2000, 'int');
  if (E.isLeft(maxLatencyP95Ms)) return maxLatencyP95Ms;
  const maxStaleInProgress = arg('max-stale-in-progress', 0, 'int');
  if (E.isLeft(maxStaleInProgress)) return maxStaleInProgress;
  const staleMinutes = arg('stale-minutes', 60, 'int');
  if (E.isLeft(staleMinutes)) return staleMinutes;
  return E.right({
    maxFailureRate: maxFailureRate.right,
    maxLatencyP95Ms: maxLatencyP95Ms.right,
    maxStaleInProgress: maxStaleInProgress.right,
    staleMinutes: staleMinutes.right,
  });
};
