// The ticket-log lines the cycle itself appends (effects as data; the runner appends them):
// - a ticket stopped by its own safety facts gets what the origin's worker writes when it blocks one:
//   an EXECUTION_RECEIPT_V3 with decision BLOCKED, then a FAILED TICKET_RESULT_V1 `[BLOCKED] …`;
// - the ticket of a cycle that crashed before recording its outcome gets a FAILED result
//   `[INTERRUPTED] …`, so no later cycle runs it again.
// Pure: ids and times come in as arguments.
import type { TicketRequest } from './codecs-tickets.js';
import type { GateReason } from './reasons.js';

/** Who wrote a line the cycle appends (`processor_id`). */
export const CYCLE_PROCESSOR = 'opsfold_cycle';

export interface BlockFacts {
  readonly ticket: TicketRequest;
  readonly runId: string;
  readonly receiptId: string;
  readonly resultId: string;
  /** The cycle's asOf, as written (`2026-01-04T12:10:00+09:00`). */
  readonly at: string;
  readonly mode: string;
  readonly blockedBy: readonly GateReason[];
  readonly detail: string;
  readonly windowActive: boolean;
}

/** Pure: the BLOCKED receipt and the FAILED result, in the order they are appended. */
export const blockRecords = (f: BlockFacts): readonly [receipt: object, result: object] => [
  {
    schema: 'EXECUTION_RECEIPT_V3',
    asof: f.at,
    receipt_id: f.receiptId,
    request_id: f.ticket.request_id,
    request_type: f.ticket.request_type,
    mode: f.mode,
    decision: 'BLOCKED',
    exit_code: null,
    outputs_proof: { latest_dir: 'reports/phase_c/latest/', targets: [] },
    acceptance: {
      pass: false,
      reason: f.blockedBy[0] === 'PREFLIGHT_FAIL' ? 'PREFLIGHT_FAIL' : 'BLOCKED_BY_SAFETY_CHECK',
    },
    safety_checks: {
      emergency_stop: false,
      allowlist_pass: !f.blockedBy.includes('ALLOWLIST_VIOLATION'),
      window_active: f.windowActive,
      window_id: null,
    },
    preflight_artifact_path: null,
    block_reasons: [...f.blockedBy],
    block_detail: f.detail,
    ops_cycle_run_id: f.runId,
  },
  {
    schema: 'TICKET_RESULT_V1',
    result_id: f.resultId,
    request_id: f.ticket.request_id,
    processed_at: f.at,
    status: 'FAILED',
    processor_id: CYCLE_PROCESSOR,
    message: `[BLOCKED] ${f.detail}`,
    artifacts: [],
  },
];

export interface InterruptFacts {
  readonly requestId: string;
  readonly interruptedRunId: string;
  readonly runId: string;
  readonly resultId: string;
  readonly at: string;
  readonly receiptRef: string | null;
}

/** Pure: the FAILED result that retires an interrupted cycle's ticket. */
export const interruptedResult = (f: InterruptFacts): object => ({
  schema: 'TICKET_RESULT_V1',
  result_id: f.resultId,
  request_id: f.requestId,
  processed_at: f.at,
  status: 'FAILED',
  processor_id: CYCLE_PROCESSOR,
  message:
    `[INTERRUPTED] ops cycle ${f.interruptedRunId} stopped before recording an outcome ` +
    `(receipt: ${f.receiptRef ?? 'none'}); not repeated, found by cycle ${f.runId}`,
  artifacts: [],
});

/** An append to a ticket log as data (the edge's `append` effect); `path` is relative to the root. */
export interface LogAppend {
  readonly kind: 'append';
  readonly path: string;
  readonly records: readonly object[];
}

/** The root-relative names of the ticket logs the cycle appends to. */
export interface TicketLogNames {
  readonly receipts: string;
  readonly results: string;
}

/** Pure: what a block records, in order: its BLOCKED receipt, then its FAILED result. */
export const blockAppends = (f: BlockFacts, logs: TicketLogNames): LogAppend[] => {
  const [receipt, result] = blockRecords(f);
  return [
    { kind: 'append', path: logs.receipts, records: [receipt] },
    { kind: 'append', path: logs.results, records: [result] },
  ];
};
