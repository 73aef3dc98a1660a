import { describe, expect, it } from 'vitest';
import { decide, type Decision } from '../core/decision.js';
import { loopEventsProjection } from '../loop/events-projection.js';
import { diffJson, given, givenFacts, positionEvents } from './given.js';

const loopStart = { timestamp: '2026-02-22T11:00:00Z', event: 'loop_start', loop_id: 'demo' };
const iterationStart = { timestamp: '2026-02-22T11:01:00Z', event: 'iteration_start', loop_id: 'demo' };
const unnamed = { timestamp: '2026-02-22T11:02:00Z', loop_id: 'demo' };

type Staleness = 'fresh' | 'stale';
type StaleReason = 'heartbeat_stale';
const staleness =
  (heartbeatAt: string, maxAgeMs: number) =>
  (asOf: string): Decision<Staleness, StaleReason> =>
    Date.parse(asOf) - Date.parse(heartbeatAt) > maxAgeMs
      ? decide('stale', ['heartbeat_stale'], asOf)
      : decide('fresh', [], asOf);

describe('positionEvents', () => {
  it('continues after a cursor', () => {
    expect(positionEvents([1, 2], { lines: 4, byteOffset: 100 }).map((e) => e.position)).toEqual([
      { line: 5, byteOffset: 100 },
      { line: 6, byteOffset: 102 },
    ]);
  });

  it('numbers lines from 1 and adds up UTF-8 JSON lengths plus one newline', () => {
    const events = positionEvents([{ a: 1 }, { b: 'é' }, 'x']);
    expect(events.map((e) => e.position)).toEqual([
      { line: 1, byteOffset: 0 },
      { line: 2, byteOffset: 8 },
      { line: 3, byteOffset: 8 + 11 },
    ]);
  });
});

describe('given(projection).events(...).then(state)', () => {
  it('passes and returns the state when the fold is as expected', () => {
    const state = given(loopEventsProjection)
      .events(loopStart, iterationStart, unnamed)
      .then({ records: 3, unnamed: 1, firstEventAt: '2026-02-22T11:00:00Z', last: unnamed, lastLine: 3 });
    expect(state.records).toBe(3);
  });

  it('throws a JSON-path diff when the fold is not as expected', () => {
    const run = () =>
      given(loopEventsProjection)
        .events(loopStart, iterationStart)
        .then({ records: 3, unnamed: 0, firstEventAt: '2026-02-22T11:00:00Z', last: loopStart, lastLine: 2 });
    expect(run).toThrowError(/given\(loop-events\)\.events\(2 events\)\.then: not as expected/);
    expect(run).toThrowError(/\$\.records: expected 3, got 2/);
    expect(run).toThrowError(/\$\.last\.event: expected "loop_start", got "iteration_start"/);
  });

  it('folds on top of a checkpointed state with from()', () => {
    const head = given(loopEventsProjection).events(loopStart).state;
    const restored = JSON.parse(JSON.stringify(head)) as typeof head;
    const after = { lines: 1, byteOffset: JSON.stringify(loopStart).length + 1 };
    const tail = given(loopEventsProjection).from(restored, after).events(iterationStart);
    expect(tail.events[0]?.position).toEqual({ line: 2, byteOffset: after.byteOffset });
    expect(tail.state).toEqual(given(loopEventsProjection).events(loopStart, iterationStart).state);
  });
});

describe('givenFacts(decide).when(asOf).then(value, reasons)', () => {
  describe('when the heartbeat is recent', () => {
    it('is fresh with no reasons', () => {
      givenFacts(staleness('2026-02-22T11:59:00Z', 120_000)).when('2026-02-22T12:00:00Z').then('fresh');
    });
  });

  describe('when the heartbeat is older than the limit', () => {
    it('is stale with heartbeat_stale', () => {
      const d = givenFacts(staleness('2026-02-22T11:00:00Z', 120_000))
        .when('2026-02-22T12:00:00Z')
        .then('stale', ['heartbeat_stale']);
      expect(d.asOf).toBe('2026-02-22T12:00:00Z');
    });

    it('throws a diff naming the value and the reasons when expected fresh', () => {
      const run = () =>
        givenFacts(staleness('2026-02-22T11:00:00Z', 120_000)).when('2026-02-22T12:00:00Z').then('fresh');
      expect(run).toThrowError(/givenFacts\.when\(2026-02-22T12:00:00Z\)\.then: not as expected/);
      expect(run).toThrowError(/\$\.value: expected "fresh", got "stale"/);
      expect(run).toThrowError(/\$\.reasons\[0\]: expected nothing, got "heartbeat_stale"/);
    });
  });
});

describe('diffJson', () => {
  it('is empty for values equal as JSON data, whatever the key order', () => {
    expect(diffJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toEqual([]);
  });

  it('names missing, extra and changed fields by path', () => {
    expect(diffJson({ a: { 'x-y': 1 }, list: [1, 2] }, { a: { 'x-y': 2 }, list: [1], extra: null })).toEqual([
      '$.a["x-y"]: expected 1, got 2',
      '$.extra: expected nothing, got null',
      '$.list[1]: expected 2, got nothing',
    ]);
  });

  it('stops at the limit', () => {
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i]));
    expect(diffJson(many, {}, 50)).toHaveLength(50);
  });

  it('reports a type change at the node, not below it', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual(['$.a: expected [1], got {"0":1}']);
  });
});
