import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readView } from './lenient.js';
import { SequenceView } from './manager-views.js';
import { SnapshotView } from './envelope-views.js';
import { decode } from '../core/codec.js';
import { fold } from '../core/projection.js';
import {
  SequenceStateCodec,
  SequenceTelemetryCodec,
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

describe('sequence diagnostics', () => {
  it('is ok on a first run and records where the sequences stand', () => {
    const s = diag({});
    expect([s.status, s.reasonCode, s.driftActive, s.violations]).toEqual(['ok', null, false, []]);
    expect([s.snapshotCurrent, s.eventsFirst, s.eventsLast, s.eventsCount]).toEqual([2, 1, 2, 2]);
  });
  it('is ok on a replay from the start that ends where the last run ended', () => {
    const s = diag({ previous: { snapshotCurrent: 2, eventsLast: 2 } });
    expect(s.status).toBe('ok');
  });
  it('is ok on an incremental poll that finds nothing new, carrying the last event sequence', () => {
    const s = diag({ previous: { snapshotCurrent: 2, eventsLast: 2 }, events: events() });
    expect([s.status, s.eventsLast, s.eventsPrevious]).toEqual(['ok', 2, 2]);
  });
  it('detects ordering drift when the log shrank: snapshot and events both regress', () => {
    const s = diag({
      previous: { snapshotCurrent: 2, eventsLast: 2 },
      snapshot: snapshot(1),
      events: events(1),
    });
    expect([s.status, s.reasonCode, s.driftActive]).toEqual([
      'ordering_drift_detected',
      'ordering_drift_detected',
      true,
    ]);
    expect(s.violations).toEqual(['event_sequence_regression', 'snapshot_sequence_regression']);
    expect([s.snapshotPrevious, s.snapshotCurrent, s.eventsLast]).toEqual([2, 1, 1]);
  });
  it('detects out-of-order events within one poll', () => {
    expect(diag({ events: events(2, 1) }).violations).toEqual(['event_sequence_regression']);
  });
  it('detects envelopes without sequence fields', () => {
    expect(diag({ snapshot: {}, events: events(null) }).violations).toEqual([
      'event_sequence_missing',
      'snapshot_sequence_missing',
    ]);
  });
  it('skips snapshot checks when no snapshot was taken', () => {
    expect(diag({ snapshot: null, previous: { snapshotCurrent: 9 } }).violations).toEqual([]);
  });
  it('writes documents and telemetry lines that satisfy their contracts', () => {
    const s = diag({ previous: { snapshotCurrent: 3 } });
    expect(E.isRight(decode(SequenceStateCodec, s))).toBe(true);
    expect(E.isRight(decode(SequenceTelemetryCodec, sequenceTelemetry(s)))).toBe(true);
  });
});
