// The delivery ledger fold: what is acknowledged, what is pending, what a cursor settles.
import { describe, expect, it } from 'vitest';
import { given } from '../testing/given.js';
import {
  deliveryKey,
  deliveryLedgerProjection,
  pendingRows,
  recordedRow,
  type DeliveredEvent,
  type LedgerEvent,
  type RowEvent,
} from './ledger.js';

const delivered = (line: number, sinkId: string): DeliveredEvent => ({
  type: 'delivered',
  key: `k-${line}-${sinkId}`,
  line,
  rowSha256: `sha-${line}`,
  sinkId,
  sinkType: 'webhook',
  httpStatus: 200,
  attempts: 1,
  at: 't',
  traceId: 'tr',
});
const row = (line: number, pending: boolean, over: Partial<RowEvent> = {}): RowEvent => ({
  type: 'row',
  line,
  byteOffset: line * 10,
  rowSha256: `sha-${line}`,
  kind: pending ? 'partial' : 'dispatched',
  failureCodes: pending ? ['http_error'] : [],
  pending,
  abandoned: false,
  deliveryRun: 1,
  at: 't',
  traceId: 'tr',
  ...over,
});
const cursor = (lines: number): LedgerEvent => ({ type: 'cursor', lines, byteOffset: lines * 10, at: 't' });

describe('given deliveries and row outcomes', () => {
  const g = given(deliveryLedgerProjection).events(
    delivered(1, 'a'),
    row(1, false),
    delivered(2, 'a'),
    row(2, true),
  );

  it('knows the acknowledged keys and the rows still owing a delivery', () => {
    expect(Object.keys(g.state.delivered).sort()).toEqual(['k-1-a', 'k-2-a']);
    expect(pendingRows(g.state).map((r) => r.line)).toEqual([2]);
    expect(g.state.records).toBe(4);
  });

  it('recognizes a recorded row only while its content is the same', () => {
    expect(recordedRow(g.state, 1, 'sha-1')?.kind).toBe('dispatched');
    expect(recordedRow(g.state, 1, 'other')).toBeNull();
  });

  describe('when a cursor record settles the first two lines', () => {
    const settled = given(deliveryLedgerProjection).from(g.state).events(cursor(2)).state;
    it('forgets settled rows and their deliveries, but keeps a pending row and its deliveries', () => {
      expect(Object.keys(settled.rows)).toEqual(['2']);
      expect(Object.keys(settled.delivered)).toEqual(['k-2-a']);
      expect(settled.cursorLines).toBe(2);
    });
  });

  describe('when the pending row later succeeds', () => {
    const later = given(deliveryLedgerProjection)
      .from(g.state)
      .events(delivered(2, 'b'), row(2, false, { deliveryRun: 2 })).state;
    it('is no longer pending', () => expect(pendingRows(later)).toEqual([]));
  });

  describe('when the pending row is abandoned', () => {
    const later = given(deliveryLedgerProjection)
      .from(g.state)
      .events(row(2, false, { abandoned: true })).state;
    it('is no longer pending', () => expect(pendingRows(later)).toEqual([]));
  });
});

describe('a record the projection does not know', () => {
  it('is counted, not thrown', () => {
    const s = given(deliveryLedgerProjection).events(
      { type: 'mystery' } as unknown as LedgerEvent,
      { type: 'row' } as unknown as LedgerEvent,
    ).state;
    expect([s.unknown, s.records, s.rows]).toEqual([2, 2, {}]);
  });
});

describe('the dedupe key', () => {
  const k = { loopId: 'demo', line: 3, rowSha256: 'abc', sinkId: 'hook' };
  it('is stable for the same row and sink, and differs for another line, content, sink or loop', () => {
    expect(deliveryKey(k)).toBe(deliveryKey({ ...k }));
    expect(deliveryKey(k)).toMatch(/^alert-[0-9a-f]{32}$/);
    const others = [{ line: 4 }, { rowSha256: 'abd' }, { sinkId: 'chat' }, { loopId: 'other' }].map((d) =>
      deliveryKey({ ...k, ...d }),
    );
    expect(new Set([deliveryKey(k), ...others]).size).toBe(5);
  });
});
