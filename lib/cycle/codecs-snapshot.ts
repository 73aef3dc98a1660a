// What one ops cycle writes: the OPS_CYCLE_RUN_V2 snapshot (seed 000 §2; the keys the seed names, plus
// opsfold's additions, never renamed or dropped) and the DAILY_OPS_REPORT_V1 it regenerates.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { DECISIONS, ERROR_CODES, OVERALL_STATUSES, TICKET_REASONS, WARNING_CODES } from './reasons.js';

const oneOf = <T extends string>(values: readonly T[], name: string) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<T, null>, name);

export const OverallStatusCodec = oneOf(OVERALL_STATUSES, 'OverallStatus');
export const TicketDecisionCodec = oneOf(DECISIONS, 'TicketDecision');
export const TicketReasonCodec = oneOf(TICKET_REASONS, 'TicketReason');

const WorkerRun = t.intersection(
  [
    t.type({
      exit_code: nullable(t.number),
      signal: nullable(t.string),
      timed_out: t.boolean,
    }),
    /** opsfold: true when the built-in (mock) worker ran, no worker command. */
    t.partial({ builtin: t.boolean }),
  ],
  'WorkerRun',
);

export const TicketStep = t.type(
  {
    attempted: t.boolean,
    selected_request_id: nullable(t.string),
    selected_request_type: nullable(t.string),
    decision: TicketDecisionCodec,
    reason: TicketReasonCodec,
    receipt_ref: nullable(t.string),
    /** opsfold: what the enum code cannot say (worker exit, timeout, missing path, exception text). */
    reason_detail: nullable(t.string),
    /** opsfold: every safety gate that said no, in evaluation order (the first is `reason`). */
    blocked_by: t.array(TicketReasonCodec),
    /** opsfold: the mode the worker ran under (OPSFOLD_EXECUTION_MODE), null when it did not run. */
    execution_mode: nullable(t.string),
    worker: nullable(WorkerRun),
  },
  'TicketStep',
);
export type TicketStep = t.TypeOf<typeof TicketStep>;

export const SafetySnapshot = t.type(
  {
    emergency_stop_enabled: t.boolean,
    execution_gate_mode: t.string,
    window_active: t.boolean,
    allowlist_version: t.string,
  },
  'SafetySnapshot',
);
export type SafetySnapshot = t.TypeOf<typeof SafetySnapshot>;

export const Counters = t.type(
  {
    tickets_open: t.number,
    tickets_in_progress: t.number,
    tickets_done: t.number,
    tickets_failed: t.number,
    tickets_blocked: t.number,
    skips_this_run: t.number,
  },
  'Counters',
);
export type Counters = t.TypeOf<typeof Counters>;

export const InterruptedCycle = t.type(
  {
    run_id: t.string,
    locked_at: t.string,
    selected_request_id: nullable(t.string),
    receipt_ref: nullable(t.string),
    ticket_status: nullable(t.string),
    /** True when this cycle appended the FAILED result that keeps the ticket from being run again. */
    result_recorded: t.boolean,
  },
  'InterruptedCycle',
);
export type InterruptedCycle = t.TypeOf<typeof InterruptedCycle>;

/** `reports/ops/daily/snapshots/ops_run_YYYYMMDD_HHMMSS.json` (OPS_CYCLE_RUN_V2). */
export const OpsCycleRunV2 = t.type(
  {
    schema: t.literal('OPS_CYCLE_RUN_V2'),
    run_id: t.string,
    asof: t.string,
    started_at: t.string,
    finished_at: t.string,
    tz: t.string,
    overall_status: OverallStatusCodec,
    ops_report_ref: t.string,
    ticket_step: TicketStep,
    safety_snapshot: SafetySnapshot,
    counters: Counters,
    warnings: t.array(t.type({ code: oneOf(WARNING_CODES, 'WarningCode'), detail: t.string })),
    error: nullable(t.type({ code: oneOf(ERROR_CODES, 'ErrorCode'), message: t.string })),
    interrupted_cycle: nullable(InterruptedCycle),
  },
  'OpsCycleRunV2',
);
export type OpsCycleRunV2 = t.TypeOf<typeof OpsCycleRunV2>;

/**
 * A snapshot as `cycle history` reads it: the seed's keys only, so snapshots the origin wrote (with
 * reasons outside the enum, `run_id: "N/A"`) are folded too.
 */
export const AnyCycleSnapshot = t.intersection(
  [
    t.type({
      schema: t.literal('OPS_CYCLE_RUN_V2'),
      overall_status: t.string,
      ticket_step: t.intersection([
        t.type({ decision: t.string, reason: t.string }),
        t.partial({ receipt_ref: nullable(t.string), selected_request_id: nullable(t.string) }),
      ]),
    }),
    t.partial({ run_id: t.string, asof: t.string, interrupted_cycle: nullable(t.UnknownRecord) }),
  ],
  'AnyCycleSnapshot',
);
export type AnyCycleSnapshot = t.TypeOf<typeof AnyCycleSnapshot>;

const Last = t.type(
  { request_id: t.string, request_type: nullable(t.string), at: nullable(t.string) },
  'LastReceipt',
);

/** `reports/ops/daily/ops_report_latest.json` (DAILY_OPS_REPORT_V1, with the origin's C-P.14 fields). */
export const DailyOpsReport = t.type(
  {
    schema: t.literal('DAILY_OPS_REPORT_V1'),
    asof: t.string,
    period: t.string,
    summary: t.type({ tickets_total: t.number, done: t.number, failed: t.number, blocked: t.number }),
    blocked_reasons_top: t.array(t.type({ reason: t.string, count: t.number })),
    last_real_execution: nullable(
      t.type({
        request_id: t.string,
        request_type: nullable(t.string),
        exit_code: nullable(t.number),
        acceptance_pass: t.boolean,
      }),
    ),
    artifacts_written: t.array(t.string),
    last_done: nullable(Last),
    last_failed: nullable(t.intersection([Last, t.type({ reason: t.string })])),
    last_blocked: nullable(t.intersection([Last, t.type({ reason: t.string })])),
    safety_counters: t.type({
      window_consumed_count: t.number,
      emergency_stop_hits: t.number,
      allowlist_violation_hits: t.number,
      preflight_fail_hits: t.number,
    }),
  },
  'DailyOpsReport',
);
export type DailyOpsReport = t.TypeOf<typeof DailyOpsReport>;
