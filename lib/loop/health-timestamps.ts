// Timestamps the health decision grades by age (the last event, the last runtime heartbeat) that it
// cannot grade: text that is not an RFC 3339 instant (`not-a-date`, `2026-02-30T…`), or an instant
// ahead of `asOf`. Either would give no lag or a lag of 0, so a stuck loop would look fresh; each is
// reported as a degraded reason instead. Pure.
import type * as t from 'io-ts';
import type { HealthReasonCodec } from './health-codecs.js';
import { parseIso, secondsBetween } from '../core/time.js';

/** A runtime clock may run a little ahead of the manager's; beyond this it is not skew. */
export const FUTURE_SKEW_SECONDS = 60;

export const TIMESTAMP_REASON_CODES = [
  'ingest_timestamp_invalid',
  'ingest_timestamp_in_future',
  'heartbeat_timestamp_invalid',
  'heartbeat_timestamp_in_future',
] as const;

type HealthReason = t.TypeOf<typeof HealthReasonCodec>;

export interface GradedTimestamp {
  /** Whose timestamp: the reason code's prefix. */
  readonly subject: 'ingest' | 'heartbeat';
  /** Where it was read, as the reason's metric. */
  readonly metric: string;
  /** The text as recorded; null when there is none yet (nothing to report). */
  readonly text: string | null;
}

/** Pure: the degraded reason a timestamp calls for, if it cannot be graded at `asOf`. */
export const timestampReasons = (
  ts: GradedTimestamp,
  asOf: { readonly iso: string; readonly ms: number },
): HealthReason[] => {
  if (ts.text === null) return [];
  const at = parseIso(ts.text);
  const base = { severity: 'degraded' as const, metric: ts.metric, observed: ts.text };
  if (at === null) return [{ code: `${ts.subject}_timestamp_invalid`, ...base, threshold: 'RFC 3339' }];
  if (secondsBetween(asOf.ms, at) > FUTURE_SKEW_SECONDS)
    return [{ code: `${ts.subject}_timestamp_in_future`, ...base, threshold: asOf.iso }];
  return [];
};
