// Assembling the OPS_CYCLE_RUN_V2 snapshot (seed 000 §2) from what the cycle decided. Pure.
//
// Laws: overall_status is STOPPED for the emergency stop, FAILED when the cycle itself failed, else
// DONE_WITH_SKIPS exactly when the decision is SKIPPED and DONE otherwise; skips_this_run is 1 exactly
// when the decision is SKIPPED; the reason is always one of the seed's nine codes.
import type {
  Counters,
  InterruptedCycle,
  OpsCycleRunV2,
  SafetySnapshot,
  TicketStep,
} from './codecs-snapshot.js';
import type { CycleError, OverallStatus, TicketDecision, TicketReason, Warning } from './reasons.js';

/** The report every cycle that gets past the lock regenerates (step 3). */
export const OPS_REPORT_REF = 'reports/ops/daily/ops_report_latest.json';

/** Pure: a ticket step where no ticket was taken. */
export const untakenStep = (
  decision: TicketDecision,
  reason: TicketReason,
  detail: string | null = null,
): TicketStep => ({
  attempted: false,
  selected_request_id: null,
  selected_request_type: null,
  decision,
  reason,
  receipt_ref: null,
  reason_detail: detail,
  blocked_by: [],
  execution_mode: null,
  worker: null,
});

/** Pure: the step for a selected ticket, before its outcome is known (a failure until shown otherwise). */
export const takenStep = (requestId: string, requestType: string): TicketStep => ({
  ...untakenStep('SKIPPED', 'TICKET_PROCESS_FAILED'),
  attempted: true,
  selected_request_id: requestId,
  selected_request_type: requestType,
});

/** Pure: the overall status (seed §3) of a cycle. */
export const overallOf = (decision: TicketDecision, stopped: boolean, failed: boolean): OverallStatus => {
  if (stopped) return 'STOPPED';
  if (failed) return 'FAILED';
  return decision === 'SKIPPED' ? 'DONE_WITH_SKIPS' : 'DONE';
};

export interface SnapshotParts {
  readonly runId: string;
  readonly asof: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly tz: string;
  readonly stopped: boolean;
  readonly opsReportRef: string;
  readonly step: TicketStep;
  readonly safety: SafetySnapshot;
  readonly counts: Omit<Counters, 'skips_this_run'>;
  readonly warnings: readonly Warning[];
  readonly error: CycleError | null;
  readonly interrupted: InterruptedCycle | null;
}

/** Pure: the snapshot. A failed cycle's step is SKIPPED (TICKET_PROCESS_FAILED unless a gate said so). */
export const buildSnapshot = (p: SnapshotParts): OpsCycleRunV2 => {
  const failed = p.error !== null;
  const step: TicketStep =
    failed && p.step.decision !== 'SKIPPED'
      ? { ...p.step, decision: 'SKIPPED', reason: 'TICKET_PROCESS_FAILED' }
      : p.step;
  return {
    schema: 'OPS_CYCLE_RUN_V2',
    run_id: p.runId,
    asof: p.asof,
    started_at: p.startedAt,
    finished_at: p.finishedAt,
    tz: p.tz,
    overall_status: overallOf(step.decision, p.stopped, failed),
    ops_report_ref: p.opsReportRef,
    ticket_step: step,
    safety_snapshot: p.safety,
    counters: { ...p.counts, skips_this_run: step.decision === 'SKIPPED' ? 1 : 0 },
    warnings: [...p.warnings],
    error: p.error,
    interrupted_cycle: p.interrupted,
  };
};
