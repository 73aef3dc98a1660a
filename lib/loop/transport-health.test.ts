import { describe, expect, it } from 'vitest';
import { readView } from './lenient.js';
import { TransportPreviousView } from './manager-views.js';
import { nextTransportHealth, type IngestOutcome } from './transport-health.js';

// The previous document as the file holds it, decoded through its view as the runner does.
const next = (previous: unknown, o: IngestOutcome) =>
  nextTransportHealth(readView(TransportPreviousView, previous), o);

const fail = (asOf: string) => ({ ok: false, failureCode: 'events_unavailable', transport: 'local', asOf });
const ok = (asOf: string) => ({ ok: true, failureCode: null, transport: 'local', asOf });

describe('transport health', () => {
  it('given no previous document, when a reconcile fails, then the streak is 1 with the failure code', () => {
    expect(next(null, fail('2026-02-22T12:00:00Z'))).toEqual({
      schemaVersion: 'v1',
      updatedAt: '2026-02-22T12:00:00Z',
      transport: 'local',
      lastResult: 'failed',
      failureStreak: 1,
      lastFailureCode: 'events_unavailable',
      lastFailureAt: '2026-02-22T12:00:00Z',
    });
  });

  it('given a trace id, when a pass is recorded, then the document carries it; without one, no traceId key', () => {
    expect(next(null, { ...ok('2026-02-22T12:00:00Z'), traceId: 'tr-1' }).traceId).toBe('tr-1');
    expect(next(null, { ...ok('2026-02-22T12:00:00Z'), traceId: null })).not.toHaveProperty('traceId');
  });

  it('given a streak, when failures continue, then it grows; when one succeeds, then it resets and keeps the last failure time', () => {
    const a = next(null, fail('2026-02-22T12:00:00Z'));
    const b = next(a, fail('2026-02-22T12:01:00Z'));
    expect(b.failureStreak).toBe(2);
    const c = next(b, ok('2026-02-22T12:02:00Z'));
    expect(c).toMatchObject({
      lastResult: 'success',
      failureStreak: 0,
      lastSuccessAt: '2026-02-22T12:02:00Z',
      lastFailureAt: '2026-02-22T12:01:00Z',
    });
    expect(c).not.toHaveProperty('lastFailureCode');
  });

  it('given a corrupt previous streak, when a reconcile fails, then it counts from zero as the reference does', () => {
    expect(next({ failureStreak: 'many' }, fail('t')).failureStreak).toBe(1);
    expect(next({ failureStreak: -3 }, fail('t')).failureStreak).toBe(1);
  });
});
