// A row's dispatch decisions: what its text and its route mean, and the ledger record that ends it.
import { describe, expect, it } from 'vitest';
import { finishRow, retryMark, routedStep, rowStep, sentStep, type RowLine } from './row-step.js';
import type { Escalation } from './escalation.js';

const lc = { timestamp: '2026-02-22T11:00:00Z', loopId: 'l', traceId: 't', escalationLine: 3 };
const row: RowLine = { text: '{}', line: 3, byteOffset: 10, end: 13, sha256: 'ab' };
const e: Escalation = {
  value: { category: 'c' },
  category: 'c',
  severity: null,
  timestamp: '',
  loopId: null,
  traceId: null,
};
const first = { run: 1, maxDeliveryRuns: 2 };
const last = { run: 2, maxDeliveryRuns: 2 };
const routed = {
  kind: 'routed',
  route: {},
  severity: 'critical',
  shouldDispatch: true,
  sinks: [{ malformed: true, id: 'x' }],
} as const;

describe('a row through dispatch', () => {
  it('given a blank line, when stepped, then nothing is done with it', () => {
    expect(rowStep('  ', lc)).toEqual({ kind: 'blank' });
  });

  it('given unparsable text, when stepped, then it finishes failed for good with its raw text reported', () => {
    const step = rowStep('{oops', lc);
    expect(step).toMatchObject({
      kind: 'finish',
      telemetry: { rawLine: '{oops', reasonCode: 'invalid_escalation_json' },
      finish: { kind: 'failed', codes: ['invalid_escalation_json'], retryable: false },
    });
  });

  it('given a row with a category, when stepped, then it is routed', () => {
    expect(rowStep('{"category":"c"}', lc)).toMatchObject({ kind: 'route', escalation: { category: 'c' } });
  });

  it('given a failed resolver, when routed, then the row finishes retryable with the retry fields', () => {
    const step = routedStep(lc, e, { kind: 'route_failed', message: 'x', retryable: true }, first);
    expect(step).toMatchObject({
      kind: 'finish',
      telemetry: { deliveryRun: 1, retryPending: true },
      finish: { codes: ['route_resolution_failed'], retryable: true },
    });
  });

  it('given a route below the minimum severity, when routed, then the row is skipped', () => {
    const step = routedStep(lc, e, { ...routed, shouldDispatch: false }, first);
    expect(step).toMatchObject({ kind: 'finish', finish: { kind: 'skipped', retryable: false } });
    expect(step.kind === 'finish' && step.telemetry).toMatchObject({ reasonCode: 'severity_below_min' });
  });

  it('given a route with sinks, when routed, then they are sent to', () => {
    expect(routedStep(lc, e, routed, first)).toEqual({ kind: 'send', routed });
  });

  it('given a failed sink, when sent, then the row is failed and retryable', () => {
    const sink = { id: 's', type: 'webhook', dedupeKey: 'k', attempts: 1 };
    const failed = {
      ...sink,
      status: 'failed',
      httpStatus: 503,
      reasonCode: 'http_error',
      message: null,
    } as const;
    expect(sentStep(lc, e, routed, { sinks: [failed], run: first }).finish).toEqual({
      kind: 'failed',
      codes: ['http_error'],
      retryable: true,
    });
  });

  it('given a retryable failure in its last allowed run, when finished, then the row is abandoned', () => {
    const f = { kind: 'failed', codes: ['route_resolution_failed'], retryable: true } as const;
    const stamp = { at: '2026-02-22T11:00:00Z', traceId: 't' };
    expect(finishRow(row, first, f, stamp).report).toMatchObject({ pending: true, abandoned: false });
    const done = finishRow(row, last, f, stamp);
    expect(done.report).toMatchObject({ pending: false, abandoned: true });
    expect(done.event).toMatchObject({
      type: 'row',
      line: 3,
      byteOffset: 10,
      rowSha256: 'ab',
      deliveryRun: 2,
    });
    expect(retryMark(last, true)).toEqual({ deliveryRun: 2, retryPending: false });
    expect(retryMark({ run: 9, maxDeliveryRuns: 0 }, true).retryPending).toBe(true);
  });
});
