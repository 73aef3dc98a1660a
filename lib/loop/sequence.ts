// Envelope sequence diagnostics (`sequence-state.json` and a `telemetry/sequence.jsonl` line, in the
// reference's nested `snapshot` / `events` / `transition` shape). Every snapshot and event envelope
// carries `sequence.value` (the events-log line it reflects). Ordering drift is any of: a snapshot
// sequence below the one recorded last time, an event sequence that does not increase within a poll
// (non-monotonic) or ends below the last one recorded (regression), or an envelope without a
// sequence. A plain replay from the start is not drift: it ends where the last one ended.
// Law (projection): fold(all) == foldFrom(fold(prefix), rest) for any split. Pure throughout.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { Positioned, Projection } from '../core/projection.js';
import { ExactInteger, fromPath, lenientObject } from './lenient.js';
import type { SequenceView } from './manager-views.js';
import type { SnapshotView } from './envelope-views.js';

import type { SequenceState, SequenceViolation } from './sequence-codecs.js';

/** What a run of event envelopes says about their sequence numbers. */
export interface EventSequenceState {
  readonly count: number;
  readonly first: number | null;
  readonly last: number | null;
  readonly missing: number;
  /** Envelopes whose sequence is not above the one before it in the same run. */
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
  /** The sequence state written last time, nested or old flat shape (all fields null when none). */
  readonly previous: Pick<
    SequenceView,
    'snapshotCurrent' | 'eventsLast' | 'flatSnapshotCurrent' | 'flatEventsLast' | 'driftActive'
  >;
  readonly transport: string;
  readonly traceId: string | null;
}

/** Pure: where the last state left off, read from its nested blocks or else its old flat keys. */
const resumeOf = (p: SequenceInputs['previous']) => ({
  snapshot: p.snapshotCurrent ?? p.flatSnapshotCurrent ?? null,
  events: p.eventsLast ?? p.flatEventsLast ?? null,
  driftActive: p.driftActive === true,
});

const snapshotBlock = (i: SequenceInputs, previous: number | null) => {
  const current = i.snapshot?.sequenceValue ?? null;
  const regressed = current !== null && previous !== null && current < previous;
  return {
    previous,
    current,
    monotonic: current !== null && !regressed,
    regressed,
    // No snapshot taken (the standalone step without one) is not a missing sequence.
    missing: i.snapshot !== null && current === null,
  };
};

const eventsBlock = (ev: EventSequenceState, previousLast: number | null) => {
  const within = ev.regressions === 0;
  const across = !(ev.last !== null && previousLast !== null && ev.last < previousLast);
  return {
    ingestedCount: ev.count,
    previousLast,
    first: ev.first,
    // An empty poll carries the last sequence forward, so the next run still compares against it.
    last: ev.last ?? previousLast,
    monotonicWithinBatch: within,
    monotonicAcrossBatches: across,
    regressed: !within || !across,
    missing: ev.missing > 0,
  };
};

type SnapshotBlock = ReturnType<typeof snapshotBlock>;
type EventsBlock = ReturnType<typeof eventsBlock>;

const violationsOf = (s: SnapshotBlock, e: EventsBlock): SequenceViolation[] => {
  const out: SequenceViolation[] = [];
  if (e.missing) out.push('event_sequence_missing');
  if (!e.monotonicWithinBatch) out.push('event_sequence_non_monotonic');
  if (!e.monotonicAcrossBatches) out.push('event_sequence_regression');
  if (s.missing) out.push('snapshot_sequence_missing');
  if (s.regressed) out.push('snapshot_sequence_regression');
  return out;
};

/** Pure: the sequence state document of one evaluation. */
export const sequenceDiagnostics = (i: SequenceInputs): SequenceState => {
  const before = resumeOf(i.previous);
  const snapshot = snapshotBlock(i, before.snapshot);
  const events = eventsBlock(i.events, before.events);
  const violations = violationsOf(snapshot, events);
  const drift = violations.length > 0;
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
    snapshot,
    events,
    transition: {
      previousDriftActive: before.driftActive,
      transitionedToDrift: !before.driftActive && drift,
      recoveredFromDrift: before.driftActive && !drift,
    },
    firstViolationLine: i.events.firstViolationLine,
  };
};

/** Pure: the `telemetry/sequence.jsonl` record of one evaluation. */
export const sequenceTelemetry = (s: SequenceState) => ({
  timestamp: s.updatedAt,
  loopId: s.loopId,
  traceId: s.traceId,
  transport: s.transport,
  category: 'envelope_sequence' as const,
  status: s.status,
  reasonCode: s.reasonCode,
  driftActive: s.driftActive,
  violations: s.violations,
  snapshot: s.snapshot,
  events: s.events,
  transition: s.transition,
});
