// Planning a routed row's delivery: which sinks get a message (keyed for dedupe), which are decided
// without sending, and in what order.
import { describe, expect, it } from 'vitest';
import { messagesOf, planDeliveries } from './delivery.js';
import type { Escalation } from './escalation.js';
import { deliveryKey } from './ledger.js';
import type { RowLine } from './row-step.js';
import { asDispatchSink } from './sink-request.js';

const origin = { repo: '/r', loopId: 'L', traceId: 'run-trace' };
const row: RowLine = { text: '{}', line: 4, byteOffset: 40, end: 43, sha256: 'cafe' };
const e: Escalation = {
  value: { category: 'c' },
  category: 'c',
  severity: 'critical',
  timestamp: '2026-02-22T11:00:00Z',
  loopId: null,
  traceId: 'row-trace',
};
const hook = asDispatchSink({ id: 'hook', type: 'webhook', secretRefs: { urlEnv: 'URL' } })!;
const pager = asDispatchSink({ id: 'pager', type: 'pagerduty_events', secretRefs: {} })!;
const keyOf = (sinkId: string) => deliveryKey({ loopId: 'L', line: 4, rowSha256: 'cafe', sinkId });

describe('planning a routed row', () => {
  it('given two sinks and an empty ledger, then each gets a message keyed by (row, sink), in route order', () => {
    const plan = planDeliveries(origin, { row, e, severity: 'critical' }, [pager, hook], {});
    expect(messagesOf(plan).map((m) => [m.key, m.payload.sink.id])).toEqual([
      [keyOf('pager'), 'pager'],
      [keyOf('hook'), 'hook'],
    ]);
    expect(messagesOf(plan)[0]?.payload.alert).toMatchObject({
      loopId: 'L',
      traceId: 'row-trace',
      repoPath: '/r',
    });
  });

  it('given the ledger holds one sink acknowledged, then that sink is a deduplicated entry and is not sent', () => {
    const delivered = { [keyOf('hook')]: { line: 4, sinkId: 'hook' } };
    const plan = planDeliveries(origin, { row, e, severity: 'critical' }, [pager, hook], delivered);
    expect(plan.map((p) => p.kind)).toEqual(['send', 'entry']);
    expect(plan[1]).toMatchObject({ entry: { id: 'hook', deduplicated: true, attempts: 0 } });
  });

  it('given a malformed sink from a resolver, then it is an invalid_sink_result entry and nothing is sent', () => {
    const plan = planDeliveries(origin, { row, e, severity: 'critical' }, [{ malformed: true, id: 'x' }], {});
    expect(plan).toEqual([
      { kind: 'entry', entry: expect.objectContaining({ id: 'x', reasonCode: 'invalid_sink_result' }) },
    ]);
    expect(messagesOf(plan)).toEqual([]);
  });
});
