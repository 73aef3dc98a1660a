// Envelope sequence diagnostics (`sequence-state.json` and a `telemetry/sequence.jsonl` line). Every
// snapshot and event envelope carries `sequence.value` (the events-log line it reflects). Ordering
// drift is any of: a snapshot sequence below the one recorded last time, an event sequence that does
// not increase within a poll or ends below the last one recorded, or an envelope without a sequence.
// A plain replay from the start is not drift: it ends where the last one ended.
// Law (projection): fold(all) == foldFrom(fold(prefix), rest) for any split. Pure throughout.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import type { Positioned, Projection } from '../core/projection.js';
import { ExactInteger, fromPath, lenientObject } from './lenient.js';
import type { SequenceView } from './manager-views.js';
import type { SnapshotView } from './envelope-views.js';

export const SEQUENCE_VIOLATIONS = [
  'event_sequence_missing',
  'event_sequence_regression',
  'snapshot_sequence_missing',
  'snapshot_sequence_regression',
] as const;
export type SequenceViolation = (typeof SEQUENCE_VIOLATIONS)[number];

/** What a run of event envelopes says about their sequence numbers. */
export interface EventSequenceState {
  readonly count: number;
  readonly first: number | null;
  readonly last: number | null;
  readonly missing: number;
  readonly regressions: number;
  /** Line (in the envelopes file) of the first envelope out of order or without a sequence. */
  readonly firstViolationLine: number | null;
}

/** An event envelope as the sequence fold reads it: its `sequence.value` when an exact whole number. */
export const EnvelopeSequenceView = lenientObject(
  { value: fromPath(['sequence', 'value'], ExactInteger) },
  'EnvelopeSequenceView',
);
export type EnvelopeSequence = t.TypeOf<typeof EnvelopeSequenceView>;

/** Pure: an envelope as the sequence fold reads it (never fails: no sequence reads as missing). */
export const envelopeSequenceOf = (envelope: unknown): EnvelopeSequence => {
  // The view's reading written out: it runs once per polled envelope, where io-ts's generic decode
  // cost more than the rest of the sequence fold (a property test pins the two together).
  const sequence = isObjectLike(envelope) ? envelope['sequence'] : undefined;
  const value = isObjectLike(sequence) ? sequence['value'] : undefined;
  return { value: typeof value === 'number' && Number.isSafeInteger(value) ? value : null };
};

const isObjectLike = (u: unknown): u is Readonly<Record<string, unknown>> =>
  u !== null && typeof u === 'object' && !Array.isArray(u);

/** Pure: the decoder an envelopes file is folded with (every line reads; see envelopeSequenceOf). */
export const decodeEnvelopeSequence = (envelope: unknown): E.Either<string, EnvelopeSequence> =>
  E.right(envelopeSequenceOf(envelope));

const flag = (s: EventSequenceState, line: number): number => s.firstViolationLine ?? line;

/** Folds `loop_run_event` envelopes (as poll-events prints them) into their sequence summary. */
export const eventSequenceProjection: Projection<EventSequenceState, EnvelopeSequence> = {
  name: 'loop-event-sequence',
  version: 1,
  initial: { count: 0, first: null, last: null, missing: 0, regressions: 0, firstViolationLine: null },
  evolve(s, e: Positioned<EnvelopeSequence>) {
    const value = e.value.value;
    if (value === null)
      return {
        ...s,
        count: s.count + 1,
        missing: s.missing + 1,
        firstViolationLine: flag(s, e.position.line),
      };
    const back = s.last !== null && value <= s.last;
    return {
      count: s.count + 1,
      first: s.first ?? value,
      last: value,
      missing: s.missing,
      regressions: s.regressions + (back ? 1 : 0),
      firstViolationLine: back ? flag(s, e.position.line) : s.firstViolationLine,
    };
  },
};

export interface SequenceInputs {
  readonly loopId: string;
  readonly asOf: string;
  /** The snapshot envelope of this run; null when none was taken. */
  readonly snapshot: Pick<SnapshotView, 'sequenceValue'> | null;
  readonly events: EventSequenceState;
  /** The sequence state written last time (all fields null when there is none). */
  readonly previous: Pick<SequenceView, 'snapshotCurrent' | 'eventsLast'>;
  readonly transport: string;
  readonly traceId: string | null;
}

const violationsOf = (i: SequenceInputs, snapshotCurrent: number | null): SequenceViolation[] => {
  const prevSnapshot = i.previous.snapshotCurrent;
  const prevEvents = i.previous.eventsLast;
  const ev = i.events;
  const out: SequenceViolation[] = [];
  if (ev.missing > 0) out.push('event_sequence_missing');
  if (ev.regressions > 0 || (ev.last !== null && prevEvents !== null && ev.last < prevEvents))
    out.push('event_sequence_regression');
  if (i.snapshot !== null && snapshotCurrent === null) out.push('snapshot_sequence_missing');
  if (snapshotCurrent !== null && prevSnapshot !== null && snapshotCurrent < prevSnapshot)
    out.push('snapshot_sequence_regression');
  return out;
};

/** Pure: the sequence state document of one evaluation. */
export const sequenceDiagnostics = (i: SequenceInputs): SequenceState => {
  const snapshotCurrent = i.snapshot?.sequenceValue ?? null;
  const violations = violationsOf(i, snapshotCurrent);
  const drift = violations.length > 0;
  const previousEventsLast = i.previous.eventsLast;
  return {
    schemaVersion: 'v1' as const,
    updatedAt: i.asOf,
    loopId: i.loopId,
    transport: i.transport,
    traceId: i.traceId,
    status: drift ? ('ordering_drift_detected' as const) : ('ok' as const),
    reasonCode: drift ? ('ordering_drift_detected' as const) : null,
    driftActive: drift,
    violations,
    snapshotCurrent,
    snapshotPrevious: i.previous.snapshotCurrent,
    eventsFirst: i.events.first,
    eventsLast: i.events.last ?? previousEventsLast,
    eventsPrevious: previousEventsLast,
    eventsCount: i.events.count,
    firstViolationLine: i.events.firstViolationLine,
  };
};

/** Pure: the `telemetry/sequence.jsonl` record of one evaluation. */
export const sequenceTelemetry = (s: SequenceState) => ({
  timestamp: s.updatedAt,
  loopId: s.loopId,
  category: 'sequence_diagnostics',
  transport: s.transport,
  traceId: s.traceId,
  status: s.status,
  reasonCode: s.reasonCode,
  driftActive: s.driftActive,
  violations: s.violations,
  snapshotCurrent: s.snapshotCurrent,
  eventsFirst: s.eventsFirst,
  eventsLast: s.eventsLast,
  eventsCount: s.eventsCount,
});

const N = nullable(t.number);
const Status = t.keyof({ ok: null, ordering_drift_detected: null });
const Violation = t.keyof(
  Object.fromEntries(SEQUENCE_VIOLATIONS.map((v) => [v, null])) as Record<SequenceViolation, null>,
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
    snapshotCurrent: N,
    snapshotPrevious: N,
    eventsFirst: N,
    eventsLast: N,
    eventsPrevious: N,
    eventsCount: t.number,
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
    category: t.literal('sequence_diagnostics'),
    transport: t.string,
    traceId: nullable(t.string),
    status: Status,
    reasonCode: nullable(t.string),
    driftActive: t.boolean,
    violations: t.array(t.string),
    snapshotCurrent: N,
    eventsFirst: N,
    eventsLast: N,
    eventsCount: t.number,
  },
  'SequenceTelemetry',
);
