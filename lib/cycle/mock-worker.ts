// The built-in worker, used when no `--worker-cmd` is given: the origin's mock worker
// (app/run_ticket_worker.py, MOCK_ONLY and DRY_RUN branches) as a pure decision. It executes nothing;
// it records what the origin's worker records for a ticket it simulates, in the same order:
//   1 an IN_PROGRESS TICKET_RESULT_V1 (the origin's "consume"),
//   2 an EXECUTION_RECEIPT_V3, decision EXECUTED, exit_code 0, no output targets, acceptance
//     MOCK_MODE (DRY_RUN_MODE under DRY_RUN),
//   3 a DONE TICKET_RESULT_V1 `[MOCK_ONLY] Simulated <type>` (`[DRY_RUN] Validated <type>`).
// The origin sleeps one second between 1 and 2; the receipt and the DONE result are stamped one second
// after the IN_PROGRESS result, so a reader that picks the latest `processed_at` (and keeps the first of
// equal times, as the origin's max() does) sees DONE. REAL is never simulated: it needs a real worker.
import type { TicketRequest } from './codecs-tickets.js';
import type { LogAppend, TicketLogNames } from './records.js';

/** Who wrote the lines the built-in worker appends (`processor_id`). */
export const MOCK_PROCESSOR = 'opsfold_mock_worker';

/** The modes the built-in worker simulates. */
export type MockMode = 'MOCK_ONLY' | 'DRY_RUN';

/** How long the origin's mock execution takes (its `time.sleep(1)`), between the consume and the outcome. */
export const MOCK_STEP_MS = 1000;

export interface MockFacts {
  readonly ticket: TicketRequest;
  readonly mode: MockMode;
  readonly runId: string;
  /** When the ticket was taken (the IN_PROGRESS result), as written. */
  readonly startedAt: string;
  /** When the simulation ended (receipt asof, DONE result), as written: MOCK_STEP_MS later. */
  readonly finishedAt: string;
  readonly ids: { readonly started: string; readonly receipt: string; readonly done: string };
  /** Informational, as the origin records them: is the type on the allowlist, is a window active. */
  readonly allowlistPass: boolean;
  readonly windowActive: boolean;
}

const OUTCOME: Record<MockMode, { readonly acceptance: string; readonly message: string }> = {
  MOCK_ONLY: { acceptance: 'MOCK_MODE', message: 'Simulated' },
  DRY_RUN: { acceptance: 'DRY_RUN_MODE', message: 'Validated' },
};

interface ResultLine {
  readonly id: string;
  readonly at: string;
  readonly status: 'IN_PROGRESS' | 'DONE';
  readonly message: string;
}

const result = (f: MockFacts, r: ResultLine): object => ({
  schema: 'TICKET_RESULT_V1',
  result_id: r.id,
  request_id: f.ticket.request_id,
  processed_at: r.at,
  status: r.status,
  processor_id: MOCK_PROCESSOR,
  message: r.message,
  artifacts: [],
});

/** Pure: the simulated receipt. */
const mockReceipt = (f: MockFacts): object => ({
  schema: 'EXECUTION_RECEIPT_V3',
  asof: f.finishedAt,
  receipt_id: f.ids.receipt,
  request_id: f.ticket.request_id,
  request_type: f.ticket.request_type,
  mode: f.mode,
  decision: 'EXECUTED',
  exit_code: 0,
  outputs_proof: { latest_dir: 'reports/phase_c/latest/', targets: [] },
  acceptance: { pass: true, reason: OUTCOME[f.mode].acceptance },
  safety_checks: {
    emergency_stop: false,
    allowlist_pass: f.allowlistPass,
    window_active: f.windowActive,
    window_id: null,
  },
  preflight_artifact_path: null,
  ops_cycle_run_id: f.runId,
});

/** Pure: what the built-in worker appends for one ticket, in order. */
export const mockWorkAppends = (f: MockFacts, logs: TicketLogNames): LogAppend[] => {
  const started: ResultLine = {
    id: f.ids.started,
    at: f.startedAt,
    status: 'IN_PROGRESS',
    message: `[${f.mode}] ticket processing started`,
  };
  const done: ResultLine = {
    id: f.ids.done,
    at: f.finishedAt,
    status: 'DONE',
    message: `[${f.mode}] ${OUTCOME[f.mode].message} ${f.ticket.request_type}`,
  };
  return [
    { kind: 'append', path: logs.results, records: [result(f, started)] },
    { kind: 'append', path: logs.receipts, records: [mockReceipt(f)] },
    { kind: 'append', path: logs.results, records: [result(f, done)] },
  ];
};
