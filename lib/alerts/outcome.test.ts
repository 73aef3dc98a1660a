// How sink results add up to a row and a run, by the reference's rules.
import { describe, expect, it } from 'vitest';
import { countRow, noCounts, rowOutcome, sinkFailureCodes, summaryStatus } from './outcome.js';
import type { SinkEntry } from './telemetry.js';

const sink = (status: 'success' | 'failed', reasonCode: SinkEntry['reasonCode'] = null): SinkEntry => ({
  id: `s-${Math.abs(status.length)}`,
  type: 'webhook',
  status,
  httpStatus: null,
  reasonCode,
  message: null,
  dedupeKey: 'k',
  attempts: 1,
});

describe('a row', () => {
  it('is dispatched when every sink succeeded', () =>
    expect(rowOutcome([sink('success'), sink('success')])).toEqual({
      status: 'dispatched',
      reasonCode: null,
      dispatched: 2,
      failed: 0,
    }));
  it('is a partial_dispatch_failure when some failed', () =>
    expect(rowOutcome([sink('success'), sink('failed', 'http_error')]).reasonCode).toBe(
      'partial_dispatch_failure',
    ));
  it('is a dispatch_failed when none succeeded (or there was none)', () => {
    expect(rowOutcome([sink('failed', 'request_failed')]).reasonCode).toBe('dispatch_failed');
    expect(rowOutcome([]).status).toBe('failed');
  });
  it('contributes each failed sink’s code, sink_dispatch_failed when it has none', () =>
    expect(sinkFailureCodes([sink('failed', 'http_error'), sink('failed'), sink('success')])).toEqual([
      'http_error',
      'sink_dispatch_failed',
    ]));
});

describe('a run', () => {
  it('with no rows has no_new_escalations', () => expect(summaryStatus(noCounts)).toBe('no_new_escalations'));
  it('counts a partial row as dispatched and failed, and keeps failure codes sorted and unique', () => {
    let c = countRow(noCounts, 'partial', ['http_error']);
    c = countRow(c, 'failed', ['request_failed', 'http_error']);
    c = countRow(c, 'blank', []);
    expect(c).toEqual({
      processed: 3,
      dispatched: 1,
      skipped: 1,
      failed: 2,
      failureCodes: ['http_error', 'request_failed'],
    });
    expect(summaryStatus(c)).toBe('partial');
  });
  it('is failed when rows failed and none was dispatched, success when nothing failed', () => {
    expect(summaryStatus(countRow(countRow(noCounts, 'failed', []), 'skipped', []))).toBe('failed');
    expect(summaryStatus(countRow(noCounts, 'skipped', []))).toBe('success');
  });
});
