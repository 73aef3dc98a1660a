// The state document's status: the reference's rule, over new and retried rows together.
import { describe, expect, it } from 'vitest';
import { dispatchState, noRetries, stateSummaryLine, type DispatchStateInput } from './dispatch-state.js';
import { countRow, noCounts } from './outcome.js';

const input = (over: Partial<DispatchStateInput>): DispatchStateInput => ({
  updatedAt: 't',
  loopId: 'l',
  traceId: 'tr',
  escalationsFile: 'e',
  telemetryFile: 'a',
  noSource: false,
  counts: noCounts,
  retry: noRetries,
  recovered: 0,
  lineOffset: 0,
  lineCount: 0,
  byteOffset: 0,
  fingerprint: null,
  ledgerFile: 'l.jsonl',
  ...over,
});

describe('the run status', () => {
  it('is no_source when there is no escalations file', () =>
    expect(dispatchState(input({ noSource: true })).status).toBe('no_source'));
  it('is no_new_escalations when nothing was processed or retried', () =>
    expect(dispatchState(input({})).status).toBe('no_new_escalations'));
  it('reflects retried rows when there were no new ones', () => {
    const retry = { ...noRetries, rows: 1, failed: 1, failureCodes: ['http_error' as const] };
    const s = dispatchState(input({ retry }));
    expect([s.status, s.processedCount, s.failureReasonCodes]).toEqual(['failed', 0, ['http_error']]);
  });
  it('is partial when a new row was dispatched and a retried one failed', () => {
    const retry = { ...noRetries, rows: 1, failed: 1, failureCodes: ['request_failed' as const] };
    const counts = countRow(noCounts, 'dispatched', []);
    expect(dispatchState(input({ counts, retry })).status).toBe('partial');
  });
});

describe('a pass summed up in one line', () => {
  it('given a pass with one failed row, then the line names its status, counts and codes', () => {
    const counts = countRow(noCounts, 'failed', ['http_error']);
    const line = stateSummaryLine('incident', dispatchState(input({ counts })));
    expect(line).toBe(
      '  incident                    failed              processed 1  dispatched 0  skipped 0  failed 1  retried 0  pending 0  codes http_error',
    );
  });

  it('given a pass with no failure code, then the codes are a dash', () => {
    expect(stateSummaryLine('x', dispatchState(input({})))).toMatch(/codes -$/);
  });
});
