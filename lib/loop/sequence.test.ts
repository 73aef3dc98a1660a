import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readView } from './lenient.js';
import { SequenceView } from './manager-views.js';
import { SnapshotView } from './envelope-views.js';
import { decode } from '../core/codec.js';
import { fold } from '../core/projection.js';
import { SequenceStateCodec, SequenceTelemetryCodec } from './sequence-codecs.js';
import {
  envelopeSequenceOf,
  eventSequenceProjection,
  sequenceDiagnostics,
  sequenceTelemetry,
  type SequenceInputs,
} from './sequence.js';

const envelopes = (...values: (number | null)[]) =>
  values.map((v, i) => ({
    value: envelopeSequenceOf(
      v === null
        ? { envelopeType: 'loop_run_event' }
        : { sequence: { source: 'cursor_event_line_offset', value: v } },
    ),
    position: { line: i + 1, byteOffset: i * 100 },
  }));
const events = (...values: (number | null)[]) => fold(eventSequenceProjection, envelopes(...values));
const snapshot = (value: number) => ({ sequence: { source: 'cursor_event_line_offset', value } });
const base = {
  loopId: 'demo-loop',
  asOf: '2026-02-22T12:00:00Z',
  snapshot: snapshot(2) as unknown,
  events: events(1, 2),
  transport: 'local',
  traceId: 'trace-1',
};
// `previous` as the file holds it, decoded through its view as the runner does.
type Given = Partial<Omit<SequenceInputs, 'previous' | 'snapshot'>> & {
  previous?: unknown;
  snapshot?: unknown;
};
const diag = (i: Given) => {
  const given = { ...base, ...i };
  return sequenceDiagnostics({
    ...given,
    snapshot: given.snapshot === null ? null : readView(SnapshotView, given.snapshot),
    previous: readView(SequenceView, i.previous ?? null),
  });
};

describe('event envelope sequences', () => {
  it('summarise count, first, last and nothing wrong when strictly increasing', () => {
    expect(events(3, 4, 7)).toEqual({
      count: 3,
      first: 3,
      last: 7,
      missing: 0,
      regressions: 0,
      firstViolationLine: null,
    });
  });
  it('count a repeated or decreasing value as a regression, at its line', () => {
    expect(events(1, 2, 2, 1)).toMatchObject({ regressions: 2, firstViolationLine: 3, last: 1 });
  });
  it('count an envelope without a sequence as missing', () => {
    expect(events(1, null, 3)).toMatchObject({ count: 3, missing: 1, firstViolationLine: 2, last: 3 });
  });
  it('count a sequence a double cannot hold exactly (past 2^53, or 1e400 parsed as Infinity) as missing, not rounded', () => {
    const past = (JSON.parse('{"v": 9007199254740993}') as { v: number }).v;
    expect(events(1, past, 3)).toMatchObject({ missing: 1, firstViolationLine: 2, last: 3 });
    expect(events(1, Infinity)).toMatchObject({ missing: 1, firstViolationLine: 2, last: 1 });
  });
});

// The reference's nested shape, as the next run reads it back.
const nested = (snapshotCurrent: number, eventsLast: number, driftActive = false) => ({
  driftActive,
  snapshot: { current: snapshotCurrent },
  events: { last: eventsLast },
});

describe('sequence diagnostics', () => {
  it('is ok on a first run and records where the sequences stand in the nested blocks', () => {
    const s = diag({});
    expect([s.status, s.reasonCode, s.driftActive, s.violations]).toEqual(['ok', null, false, []]);
    expect(s.snapshot).toEqual({
      previous: null,
      current: 2,
      monotonic: true,
      regressed: false,
      missing: false,
    });
    expect(s.events).toEqual({
      ingestedCount: 2,
      previousLast: null,
      first: 1,
      last: 2,
      monotonicWithinBatch: true,
      monotonicAcrossBatches: true,
      regressed: false,
      missing: false,
    });
    expect(s.transition).toEqual({
      previousDriftActive: false,
      transitionedToDrift: false,
      recoveredFromDrift: false,
    });
  });
  it('is ok on a replay from the start that ends where the last run ended', () => {
    expect(diag({ previous: nested(2, 2) }).status).toBe('ok');
  });
  it('is ok on an incremental poll that finds nothing new, carrying the last event sequence', () => {
    const s = diag({ previous: nested(2, 2), events: events() });
    expect([s.status, s.events.last, s.events.previousLast]).toEqual(['ok', 2, 2]);
  });
  it('detects ordering drift when the log shrank: snapshot and events both regress', () => {
    const s = diag({ previous: nested(2, 2), snapshot: snapshot(1), events: events(1) });
    expect([s.status, s.reasonCode, s.driftActive]).toEqual([
      'ordering_drift_detected',
      'ordering_drift_detected',
      true,
    ]);
    expect(s.violations).toEqual(['event_sequence_regression', 'snapshot_sequence_regression']);
    expect(s.snapshot).toMatchObject({ previous: 2, current: 1, monotonic: false, regressed: true });
    expect(s.events).toMatchObject({ last: 1, monotonicAcrossBatches: false, regressed: true });
    expect(s.transition).toMatchObject({ transitionedToDrift: true, recoveredFromDrift: false });
  });
  it('detects out-of-order events within one poll as non-monotonic', () => {
    const s = diag({ events: events(2, 1) });
    expect(s.violations).toEqual(['event_sequence_non_monotonic']);
    expect(s.events).toMatchObject({
      monotonicWithinBatch: false,
      monotonicAcrossBatches: true,
      regressed: true,
    });
  });
  it('detects envelopes without sequence fields', () => {
    const s = diag({ snapshot: {}, events: events(null) });
    expect(s.violations).toEqual(['event_sequence_missing', 'snapshot_sequence_missing']);
    expect([s.snapshot.missing, s.snapshot.monotonic, s.events.missing]).toEqual([true, false, true]);
  });
  it('skips snapshot checks when no snapshot was taken', () => {
    expect(diag({ snapshot: null, previous: nested(9, 0) }).violations).toEqual([]);
  });
  it('given drift last time and none now, then it records the recovery', () => {
    const s = diag({ previous: nested(1, 1, true) });
    expect(s.transition).toEqual({
      previousDriftActive: true,
      transitionedToDrift: false,
      recoveredFromDrift: true,
    });
  });
  it('given drift last time and still now, then it is no new transition', () => {
    const s = diag({ previous: nested(3, 2, true) });
    expect([s.driftActive, s.transition.transitionedToDrift, s.transition.previousDriftActive]).toEqual([
      true,
      false,
      true,
    ]);
  });
  it('given an old flat state file, then it resumes from its flat keys as from the nested ones', () => {
    const flat = diag({ previous: { snapshotCurrent: 3, eventsLast: 2, driftActive: false } });
    const fromNested = diag({ previous: nested(3, 2) });
    expect(flat).toEqual(fromNested);
    expect(flat.violations).toEqual(['snapshot_sequence_regression']);
    expect(flat.events.previousLast).toBe(2);
  });
  it('given both shapes in one file, then the nested blocks win', () => {
    const s = diag({ previous: { ...nested(1, 1), snapshotCurrent: 9, eventsLast: 9 } });
    expect([s.status, s.snapshot.previous, s.events.previousLast]).toEqual(['ok', 1, 1]);
  });
  it('writes the telemetry line as category envelope_sequence with the same nested blocks', () => {
    const s = diag({ previous: nested(3, 2) });
    expect(sequenceTelemetry(s)).toMatchObject({
      category: 'envelope_sequence',
      status: s.status,
      snapshot: s.snapshot,
      events: s.events,
      transition: s.transition,
    });
  });
  it('writes documents and telemetry lines that satisfy their contracts', () => {
    const s = diag({ previous: nested(3, 0) });
    expect(E.isRight(decode(SequenceStateCodec, s))).toBe(true);
    expect(E.isRight(decode(SequenceTelemetryCodec, sequenceTelemetry(s)))).toBe(true);
  });
});
