// Given a ticket the gates let through and no worker command, when the built-in worker takes it, then it
// records what the origin's mock worker records: IN_PROGRESS, an EXECUTED receipt, DONE — in that order.
import { describe, expect, it } from 'vitest';
import { SHOWN } from './layout.js';
import { mockWorkAppends, MOCK_PROCESSOR, type MockFacts } from './mock-worker.js';

const facts = (over: Partial<MockFacts> = {}): MockFacts => ({
  ticket: { request_id: 'r1', requested_at: '2026-01-04T16:53:16', request_type: 'REQUEST_REPORTS' },
  mode: 'MOCK_ONLY',
  runId: 'run-1',
  startedAt: '2026-01-04T12:10:00+09:00',
  finishedAt: '2026-01-04T12:10:01+09:00',
  ids: { started: 's', receipt: 'rc', done: 'd' },
  allowlistPass: true,
  windowActive: false,
  ...over,
});

describe('the built-in worker in MOCK_ONLY', () => {
  const appends = mockWorkAppends(facts(), SHOWN);
  it('appends to the results, the receipts, then the results again', () => {
    expect(appends.map((a) => [a.path, a.records.length])).toEqual([
      [SHOWN.results, 1],
      [SHOWN.receipts, 1],
      [SHOWN.results, 1],
    ]);
  });
  it('takes the ticket IN_PROGRESS first, and ends it DONE "[MOCK_ONLY] Simulated <type>" a second later', () => {
    expect([appends[0]?.records[0], appends[2]?.records[0]]).toEqual([
      {
        schema: 'TICKET_RESULT_V1',
        result_id: 's',
        request_id: 'r1',
        processed_at: '2026-01-04T12:10:00+09:00',
        status: 'IN_PROGRESS',
        processor_id: MOCK_PROCESSOR,
        message: '[MOCK_ONLY] ticket processing started',
        artifacts: [],
      },
      {
        schema: 'TICKET_RESULT_V1',
        result_id: 'd',
        request_id: 'r1',
        processed_at: '2026-01-04T12:10:01+09:00',
        status: 'DONE',
        processor_id: MOCK_PROCESSOR,
        message: '[MOCK_ONLY] Simulated REQUEST_REPORTS',
        artifacts: [],
      },
    ]);
  });
  it('writes an EXECUTED V3 receipt with exit code 0, no output targets and acceptance MOCK_MODE', () => {
    expect(appends[1]?.records[0]).toEqual({
      schema: 'EXECUTION_RECEIPT_V3',
      asof: '2026-01-04T12:10:01+09:00',
      receipt_id: 'rc',
      request_id: 'r1',
      request_type: 'REQUEST_REPORTS',
      mode: 'MOCK_ONLY',
      decision: 'EXECUTED',
      exit_code: 0,
      outputs_proof: { latest_dir: 'reports/phase_c/latest/', targets: [] },
      acceptance: { pass: true, reason: 'MOCK_MODE' },
      safety_checks: { emergency_stop: false, allowlist_pass: true, window_active: false, window_id: null },
      preflight_artifact_path: null,
      ops_cycle_run_id: 'run-1',
    });
  });
});

describe('the built-in worker in DRY_RUN', () => {
  it('ends the ticket DONE "[DRY_RUN] Validated <type>" with acceptance DRY_RUN_MODE', () => {
    const appends = mockWorkAppends(facts({ mode: 'DRY_RUN', allowlistPass: false }), SHOWN);
    expect(appends[1]?.records[0]).toMatchObject({
      mode: 'DRY_RUN',
      acceptance: { pass: true, reason: 'DRY_RUN_MODE' },
      safety_checks: { allowlist_pass: false },
    });
    expect(appends[2]?.records[0]).toMatchObject({
      status: 'DONE',
      message: '[DRY_RUN] Validated REQUEST_REPORTS',
    });
  });
});
