// What the loop manager's health part adds to the shared tables: projections (for replay and the replay
// laws) and artifact codecs (for contracts/). lib/projections.ts and lib/contracts-registry.ts merge these.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import { EscalationRecordCodec, decodeEscalation, escalationsProjection } from './escalations.js';
import {
  HealthDocCodec,
  IntentStatusLine,
  ResolvedProfileCodec,
  ThresholdCatalogCodec,
  TransportHealthCodec,
} from './health-codecs.js';
import { HeartbeatStateCodec, HeartbeatTelemetryCodec, RuntimeHeartbeatCodec } from './heartbeat.js';
import { DriftHistoryCodec, DriftStateCodec } from './profile-drift.js';
import { envelopeSequenceOf, eventSequenceProjection } from './sequence.js';
import { SequenceStateCodec, SequenceTelemetryCodec } from './sequence-codecs.js';
import { ControlTelemetryLine, ReconcileTelemetryLine, TelemetrySummaryCodec } from './telemetry-summary.js';

const anyEnvelope = (v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? E.right(envelopeSequenceOf(v))
    : E.left('envelope is not an object');

export const loopHealthProjections: Readonly<Record<string, RegisteredProjection>> = {
  [escalationsProjection.name]: register(
    escalationsProjection,
    decodeEscalation,
    'escalations.jsonl: the conditions raised and not yet resolved (by dedupe key), raise/resolve counts, unkeyed records.',
  ),
  [eventSequenceProjection.name]: register(
    eventSequenceProjection,
    anyEnvelope,
    'loop_run_event envelopes (NDJSON): count, first and last sequence, missing and out-of-order sequences.',
  ),
};

export const loopHealthContracts: Readonly<Record<string, t.Mixed>> = {
  'loop-manager-health': HealthDocCodec,
  'loop-manager-transport-health': TransportHealthCodec,
  'loop-manager-intent-status': IntentStatusLine,
  'loop-threshold-profiles': ThresholdCatalogCodec,
  'loop-threshold-profile-resolved': ResolvedProfileCodec,
  'superloop-runtime-heartbeat': RuntimeHeartbeatCodec,
  'loop-manager-heartbeat': HeartbeatStateCodec,
  'loop-manager-heartbeat-telemetry-line': HeartbeatTelemetryCodec,
  'loop-manager-sequence-state': SequenceStateCodec,
  'loop-manager-sequence-telemetry-line': SequenceTelemetryCodec,
  'loop-telemetry-summary': TelemetrySummaryCodec,
  'loop-telemetry-summary-reconcile-input': ReconcileTelemetryLine,
  'loop-telemetry-summary-control-input': ControlTelemetryLine,
  'loop-manager-profile-drift': DriftStateCodec,
  'loop-manager-profile-drift-history-line': DriftHistoryCodec,
  'loop-manager-escalation-line': EscalationRecordCodec,
};
