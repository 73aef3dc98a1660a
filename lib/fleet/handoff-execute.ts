// Fleet handoff execution, the pure half: which intents an execution may dispatch, the live registry
// gates autonomous dispatch re-checks, and folding the control outcomes back into the handoff state.
// Manual execution (`--execute --confirm`) takes pending intents (optionally filtered); autonomous
// execution takes only pending intents that are autonomous-eligible, and only while the registry
// itself still allows autonomy (kill switch off, rollout not paused by hand). The registry's policy mode
// is not re-checked: the policy state's guarded_auto is the gate, as in the reference, and a registry
// without a policy block reads as advisory.
import type * as t from 'io-ts';
import type { HandoffExecutionDoc, HandoffStateDoc } from './codecs-handoff-state.js';
import { compact, uniqueSorted } from './json.js';
import {
  anyRetryGuarded,
  handoffReasonCodes,
  summaryOf,
  type HandoffPlan,
  type Intent,
} from './handoff-plan.js';
import type { NormalizedRegistry } from './registry-types.js';

export type ExecutionMode = 'manual' | 'autonomous';

export interface Filters {
  readonly loops: readonly string[];
  readonly intentIds: readonly string[];
}

/** Pure: filter values that match no intent of the plan (an execution with any is refused). */
export const unknownFilters = (plan: HandoffPlan, f: Filters) => ({
  loops: f.loops.filter((l) => !plan.intents.some((i) => i.loopId === l)),
  intentIds: f.intentIds.filter((id) => !plan.intents.some((i) => i.intentId === id)),
});

/** Pure: reasons the live registry forbids autonomous dispatch now (empty: allowed). */
export const liveAutonomyBlocks = (r: NormalizedRegistry): string[] =>
  uniqueSorted([
    ...(r.policy.autonomous.safety.killSwitch ? ['autonomous_kill_switch_enabled'] : []),
    ...(r.policy.autonomous.rollout.pause.manual ? ['autonomous_rollout_paused_manual'] : []),
  ]);

/** Pure: the plan with eligible intents held back by live registry blocks (manual-only, reason-coded). */
export const holdBack = (plan: HandoffPlan, blocks: readonly string[]): HandoffPlan => {
  if (blocks.length === 0) return plan;
  const intents = plan.intents.map((i) =>
    i.autonomous.eligible
      ? {
          ...i,
          autonomous: {
            eligible: false,
            manualOnly: true,
            reasons: uniqueSorted([...i.autonomous.reasons, ...blocks]),
          },
        }
      : i,
  );
  const summary = summaryOf(intents, plan.summary.candidateCount, plan.summary.unsuppressedCandidateCount);
  return {
    ...plan,
    intents,
    summary,
    reasonCodes: handoffReasonCodes(summary, anyRetryGuarded(intents)),
  };
};

/** Pure: the intents an execution dispatches, in plan order. */
export const targetsOf = (plan: HandoffPlan, mode: ExecutionMode, f: Filters): Intent[] =>
  plan.intents.filter(
    (i) =>
      i.status === 'pending_operator_confirmation' &&
      (mode === 'manual' || i.autonomous.eligible) &&
      (f.loops.length === 0 || f.loops.includes(i.loopId)) &&
      (f.intentIds.length === 0 || f.intentIds.includes(i.intentId)),
  );

export type DispatchStatus = 'executed' | 'ambiguous' | 'failed';

export type DispatchResult = HandoffExecution['results'][number];
type HandoffExecution = t.TypeOf<typeof HandoffExecutionDoc>;

/** The handoff state after an execution: the plan with its outcomes and the execution block. */
export type HandoffState = t.TypeOf<typeof HandoffStateDoc> & { readonly execution: HandoffExecution };

/** Pure: the dispatch status and reason code of a loop control exit code. */
export const outcomeOfExit = (code: number): { status: DispatchStatus; reasonCode: string } => {
  if (code === 0) return { status: 'executed', reasonCode: 'control_confirmed' };
  if (code === 2) return { status: 'ambiguous', reasonCode: 'control_ambiguous' };
  return { status: 'failed', reasonCode: code === 75 ? 'control_lock_held' : 'control_failed_command' };
};

const intentStatus = (s: DispatchStatus): string =>
  s === 'executed' ? 'executed' : s === 'ambiguous' ? 'execution_ambiguous' : 'execution_failed';

export interface ExecutionMeta {
  readonly mode: ExecutionMode;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly completedAt: string;
  readonly note: string;
  readonly requestedIntentCount: number;
}

const withResult = (i: Intent, r: DispatchResult | undefined): Intent =>
  r === undefined
    ? i
    : {
        ...i,
        status: intentStatus(r.status),
        execution: compact({
          executedAt: r.executedAt,
          requestedBy: r.requestedBy,
          status: r.status,
          reasonCode: r.reasonCode,
          traceId: r.traceId,
          idempotencyKey: r.idempotencyKey,
          controlExitCode: r.controlExitCode,
          controlStatus: r.control?.['status'] ?? null,
          confirmed: r.control?.['confirmed'] ?? null,
        }),
      };

/** Pure: the handoff state after an execution. */
export const applyExecution = (
  plan: HandoffPlan,
  meta: ExecutionMeta,
  results: readonly DispatchResult[],
): HandoffState => {
  const byId = new Map(results.map((r) => [r.intentId, r]));
  const intents = plan.intents.map((i) => withResult(i, byId.get(i.intentId)));
  const summary = summaryOf(intents, plan.summary.candidateCount, plan.summary.unsuppressedCandidateCount);
  const count = (s: DispatchStatus) => results.filter((r) => r.status === s).length;
  return {
    ...plan,
    updatedAt: meta.completedAt,
    intents,
    summary,
    reasonCodes: handoffReasonCodes(summary, anyRetryGuarded(intents)),
    execution: compact({
      mode: meta.mode,
      requestedBy: meta.requestedBy,
      requestedAt: meta.requestedAt,
      completedAt: meta.completedAt,
      note: meta.note === '' ? null : meta.note,
      requestedIntentCount: meta.requestedIntentCount,
      executedIntentCount: results.length,
      executedCount: count('executed'),
      ambiguousCount: count('ambiguous'),
      failedCount: count('failed'),
      results: [...results],
    }) as HandoffExecution,
  };
};

/** Pure: the plan line of `fleet/telemetry/handoff.jsonl`. */
export const planTelemetry = (p: HandoffPlan) => ({
  timestamp: p.generatedAt,
  category: 'fleet_handoff_plan',
  fleetId: p.fleetId,
  traceId: p.traceId,
  mode: p.mode,
  summary: { summary: p.summary, reasonCodes: p.reasonCodes, policyTraceId: p.policyTraceId },
});

/** Pure: the execute line of `fleet/telemetry/handoff.jsonl`. */
export const executeTelemetry = (s: HandoffState) => ({
  timestamp: s.updatedAt,
  category: 'fleet_handoff_execute',
  fleetId: s.fleetId,
  traceId: s.traceId,
  mode: s.mode,
  execution: s.execution,
  summary: { summary: s.summary, reasonCodes: s.reasonCodes },
});
