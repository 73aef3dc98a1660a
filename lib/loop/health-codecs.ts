// The contracts of the health step's files: what it reads (transport-health.json, intents.jsonl
// records, the threshold catalog) and what it writes (health.json, the resolved profile). Inputs are
// decoded leniently (the reference and the runtime may add keys); outputs are exact.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

const Severity = t.keyof({ degraded: null, critical: null }, 'Severity');

export const HealthReasonCodec = t.type(
  { code: t.string, severity: Severity, metric: t.string, observed: t.string, threshold: t.string },
  'HealthReason',
);

/** `.superloop/ops-manager/<loop>/health.json` (and `state.json`'s `health` key). */
export const HealthDocCodec = t.type(
  {
    schemaVersion: t.literal('v1'),
    updatedAt: t.string,
    status: t.keyof({ healthy: null, degraded: null, critical: null }),
    reasonCodes: t.array(t.string),
    reasons: t.array(HealthReasonCodec),
    metrics: t.type({
      ingestLagSeconds: nullable(t.number),
      transportFailureStreak: t.number,
      lastControlStatus: nullable(t.string),
      lifecycleState: t.string,
      heartbeatLagSeconds: nullable(t.number),
      sequenceStatus: nullable(t.string),
      profileDriftStatus: nullable(t.string),
    }),
    thresholds: t.type({
      profile: nullable(t.string),
      degradedIngestLagSeconds: t.number,
      criticalIngestLagSeconds: t.number,
      degradedTransportFailureStreak: t.number,
      criticalTransportFailureStreak: t.number,
      degradedHeartbeatLagSeconds: t.number,
      criticalHeartbeatLagSeconds: t.number,
    }),
    transport: t.type({
      mode: t.string,
      ingestStatus: t.keyof({ success: null, failed: null }),
      failureCode: nullable(t.string),
      lastFailureCode: nullable(t.string),
    }),
    evidence: t.type({
      lastEventAt: nullable(t.string),
      lastHeartbeatAt: nullable(t.string),
      sequenceUpdatedAt: nullable(t.string),
    }),
    traceId: nullable(t.string),
  },
  'HealthDoc',
);

/** `telemetry/transport-health.json`: the rolling transport failure streak reconcile keeps. */
export const TransportHealthCodec = t.intersection(
  [
    t.UnknownRecord,
    t.partial({
      schemaVersion: t.string,
      updatedAt: t.string,
      transport: t.string,
      lastResult: t.string,
      failureStreak: t.union([t.number, t.string]),
      lastFailureCode: nullable(t.string),
      lastSuccessAt: nullable(t.string),
      lastFailureAt: nullable(t.string),
    }),
  ],
  'TransportHealth',
);

/** One record of `intents.jsonl` as the health step reads it (only `.status` matters here). */
export const IntentStatusLine = t.intersection(
  [t.UnknownRecord, t.partial({ status: nullable(t.string), intent: t.string, timestamp: t.string })],
  'IntentStatusLine',
);

const Profile = t.intersection([
  t.type({
    degradedIngestLagSeconds: t.number,
    criticalIngestLagSeconds: t.number,
    degradedTransportFailureStreak: t.number,
    criticalTransportFailureStreak: t.number,
  }),
  t.partial({ description: t.string }),
]);

/** `config/ops-manager-threshold-profiles.v1.json`: the versioned threshold profile catalog. */
export const ThresholdCatalogCodec = t.intersection(
  [
    t.type({ schemaVersion: t.literal('v1'), profiles: t.record(t.string, Profile) }),
    t.partial({ defaultProfile: t.string }),
  ],
  'ThresholdCatalog',
);

/** What `opsfold loop threshold-profile` prints for one profile. */
export const ResolvedProfileCodec = t.intersection(
  [
    t.type({
      schemaVersion: t.literal('v1'),
      sourceFile: t.string,
      profile: t.string,
      values: t.type({
        degradedIngestLagSeconds: t.number,
        criticalIngestLagSeconds: t.number,
        degradedTransportFailureStreak: t.number,
        criticalTransportFailureStreak: t.number,
      }),
    }),
    t.partial({ description: t.string }),
  ],
  'ResolvedThresholdProfile',
);
