// The sequence diagnostics documents: `sequence-state.json` and one `telemetry/sequence.jsonl`
// line, with the reference's keys and enum values (opsfold adds `firstViolationLine`).
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

export const SEQUENCE_VIOLATIONS = [
  'event_sequence_missing',
  'event_sequence_non_monotonic',
  'event_sequence_regression',
  'snapshot_sequence_missing',
  'snapshot_sequence_regression',
] as const;
export type SequenceViolation = (typeof SEQUENCE_VIOLATIONS)[number];

const N = nullable(t.number);
const Status = t.keyof({ ok: null, ordering_drift_detected: null });
const Violation = t.keyof(
  Object.fromEntries(SEQUENCE_VIOLATIONS.map((v) => [v, null])) as Record<SequenceViolation, null>,
);

const SnapshotBlock = t.type(
  { previous: N, current: N, monotonic: t.boolean, regressed: t.boolean, missing: t.boolean },
  'SequenceSnapshotBlock',
);

const EventsBlock = t.type(
  {
    ingestedCount: t.number,
    previousLast: N,
    first: N,
    last: N,
    monotonicWithinBatch: t.boolean,
    monotonicAcrossBatches: t.boolean,
    regressed: t.boolean,
    missing: t.boolean,
  },
  'SequenceEventsBlock',
);

const TransitionBlock = t.type(
  { previousDriftActive: t.boolean, transitionedToDrift: t.boolean, recoveredFromDrift: t.boolean },
  'SequenceTransitionBlock',
);

/** `.superloop/ops-manager/<loop>/sequence-state.json` */
export const SequenceStateCodec = t.type(
  {
    schemaVersion: t.literal('v1'),
    updatedAt: t.string,
    loopId: t.string,
    transport: t.string,
    traceId: nullable(t.string),
    status: Status,
    reasonCode: nullable(t.literal('ordering_drift_detected')),
    driftActive: t.boolean,
    violations: t.array(Violation),
    snapshot: SnapshotBlock,
    events: EventsBlock,
    transition: TransitionBlock,
    firstViolationLine: N,
  },
  'SequenceState',
);
export type SequenceState = t.TypeOf<typeof SequenceStateCodec>;

/** One line of `.superloop/ops-manager/<loop>/telemetry/sequence.jsonl` */
export const SequenceTelemetryCodec = t.type(
  {
    timestamp: t.string,
    loopId: t.string,
    traceId: nullable(t.string),
    transport: t.string,
    category: t.literal('envelope_sequence'),
    status: Status,
    reasonCode: nullable(t.string),
    driftActive: t.boolean,
    violations: t.array(t.string),
    snapshot: SnapshotBlock,
    events: EventsBlock,
    transition: TransitionBlock,
  },
  'SequenceTelemetry',
);
