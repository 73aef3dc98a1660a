// Laws of the delivery ledger fold (lib/alerts/ledger.ts) over generated ledgers:
//   1. the replay laws: fold(all) == foldFrom(checkpoint(fold(prefix)), rest) at any split and chunking,
//      and two folds are byte-identical;
//   2. it agrees with a plain model: an acknowledged delivery (and a row's record) is forgotten only when
//      a cursor record covers its line while the row is not pending, so a delivery is never forgotten
//      while its row can still be dispatched; a row is pending exactly when its last record says pending
//      and not abandoned.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../lib/core/projection.js';
import { deliveryLedgerProjection, pendingRows, type LedgerEvent } from '../lib/alerts/ledger.js';
import { positionEvents } from '../lib/testing/given.js';
import { replayLaws } from '../lib/testing/replay-laws.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const line = fc.integer({ min: 1, max: 8 });
const sink = fc.constantFrom('hook', 'slack', 'pager');

const eventArb: fc.Arbitrary<LedgerEvent> = fc.oneof(
  fc.record({ line, sinkId: sink }).map(({ line: l, sinkId }): LedgerEvent => ({
    type: 'delivered',
    key: `k-${l}-${sinkId}`,
    line: l,
    rowSha256: `sha-${l}`,
    sinkId,
    sinkType: 'webhook',
    httpStatus: 200,
    attempts: 1,
    at: '2026-02-22T12:00:00Z',
    traceId: 't',
  })),
  fc
    .record({ line, pending: fc.boolean(), abandoned: fc.boolean(), run: fc.integer({ min: 1, max: 5 }) })
    .map((r): LedgerEvent => ({
      type: 'row',
      line: r.line,
      byteOffset: r.line * 40,
      rowSha256: `sha-${r.line}`,
      kind: r.pending ? 'partial' : 'dispatched',
      failureCodes: r.pending ? ['http_error'] : [],
      pending: r.pending,
      abandoned: r.abandoned && !r.pending,
      deliveryRun: r.run,
      at: '2026-02-22T12:00:00Z',
      traceId: 't',
    })),
  line.map((l): LedgerEvent => ({
    type: 'cursor',
    lines: l,
    byteOffset: l * 40,
    at: '2026-02-22T12:00:00Z',
  })),
  fc.constant({ type: 'from-the-future' } as unknown as LedgerEvent),
);

describe('the delivery ledger fold', () => {
  it('keeps the replay laws', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 50 }), (events) => {
        const r = replayLaws(deliveryLedgerProjection, positionEvents(events), { seed, runs: 20 });
        expect(r.ok, r.ok ? '' : r.message).toBe(true);
      }),
      { seed, numRuns: 60 },
    );
  });

  it('agrees with a plain model: a delivery is forgotten only once a cursor settles its non-pending row', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 50 }), (events) => {
        const s = fold(deliveryLedgerProjection, positionEvents(events));
        const keys = new Map<string, number>();
        const rows = new Map<number, Extract<LedgerEvent, { type: 'row' }>>();
        for (const e of events) {
          if (e.type === 'delivered') keys.set(e.key, e.line);
          if (e.type === 'row') rows.set(e.line, e);
          if (e.type !== 'cursor') continue;
          const settled = (l: number) => l <= e.lines && rows.get(l)?.pending !== true;
          for (const [k, l] of keys) if (settled(l)) keys.delete(k);
          for (const l of rows.keys()) if (settled(l)) rows.delete(l);
        }
        expect(Object.keys(s.delivered).sort()).toEqual([...keys.keys()].sort());
        const pending = [...rows.values()].filter((r) => r.pending && !r.abandoned).map((r) => r.line);
        expect(pendingRows(s).map((r) => r.line)).toEqual(pending.sort((a, b) => a - b));
      }),
      { seed, numRuns: 300 },
    );
  });
});
