// The autonomous rollups fleet status reports and promotion reads: the outcome rollup (attempted,
// executed, ambiguous, failed, manual_backlog) and the safety-gate decisions by suppression path
// (policyGated, rolloutGated, governanceGated, transportGated).
import { arr, at, countBy, isObject, numOr, strOrNull, total } from './json.js';
import { POLICY_GATE_REASONS, ROLLOUT_GATE_REASONS } from './vocabulary.js';
import type { GovernanceContext } from './governance.js';

export interface OutcomeRollup {
  readonly attempted: number;
  readonly executed: number;
  readonly ambiguous: number;
  readonly failed: number;
  readonly manual_backlog: number;
}

const pendingManualOnly = (handoff: unknown): number =>
  arr(at(handoff, 'intents')).filter(
    (i) => at(i, 'status') === 'pending_operator_confirmation' && at(i, 'autonomous', 'manualOnly') === true,
  ).length;

/** Pure: the outcome rollup of the latest handoff state (autonomous executions only; backlog always). */
export const outcomeRollupOf = (handoff: unknown, policy: unknown): OutcomeRollup => {
  const x = at(handoff, 'execution');
  const auto = at(x, 'mode') === 'autonomous';
  const n = (k: string) => (auto ? numOr(at(x, k), 0) : 0);
  const backlog = isObject(handoff) ? pendingManualOnly(handoff) : numOr(at(policy, 'manualOnlyCount'), 0);
  return {
    attempted: n('requestedIntentCount'),
    executed: n('executedCount'),
    ambiguous: n('ambiguousCount'),
    failed: n('failedCount'),
    manual_backlog: backlog,
  };
};

/** Pure: the rollup of one handoff telemetry line (backlog from its summary, else `fallbackBacklog`). */
export const telemetryRollupOf = (line: unknown, fallbackBacklog: number): OutcomeRollup => {
  const x = at(line, 'execution');
  const auto = at(x, 'mode') === 'autonomous';
  const n = (k: string) => (auto ? numOr(at(x, k), 0) : 0);
  const pending = at(line, 'summary', 'summary', 'pendingManualOnlyCount');
  return {
    attempted: n('requestedIntentCount'),
    executed: n('executedCount'),
    ambiguous: n('ambiguousCount'),
    failed: n('failedCount'),
    manual_backlog: typeof pending === 'number' ? pending : fallbackBacklog,
  };
};

// The reference's total of autonomous blocks: the rollout gates plus the safety rails.
const BLOCKING_KEYS = [
  ...ROLLOUT_GATE_REASONS,
  'autonomous_kill_switch_enabled',
  'autonomous_cooldown_active',
  'autonomous_max_actions_per_run_exceeded',
  'autonomous_max_actions_per_loop_exceeded',
];

const pick = (counts: Readonly<Record<string, number>>, keys: readonly string[]): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).filter(([k]) => keys.includes(k)));

/** Pure: failed or ambiguous dispatches over sprite_service, by reason code. */
const transportReasons = (handoff: unknown): Record<string, number> => {
  const transportOf = new Map(
    arr(at(handoff, 'intents')).map((i) => [
      strOrNull(at(i, 'intentId')) ?? '',
      strOrNull(at(i, 'transport')) ?? 'local',
    ]),
  );
  const hits = arr(at(handoff, 'execution', 'results')).filter(
    (r) =>
      transportOf.get(strOrNull(at(r, 'intentId')) ?? '') === 'sprite_service' &&
      (at(r, 'status') === 'failed' || at(r, 'status') === 'ambiguous'),
  );
  return countBy(hits.map((r) => strOrNull(at(r, 'reasonCode')) ?? 'transport_execution_blocked'));
};

/** Pure: the safety-gate decisions of fleet status. */
export const safetyGateDecisions = (
  policy: unknown,
  handoff: unknown,
  governance: GovernanceContext | null,
) => {
  const byReason = (
    isObject(at(policy, 'summary', 'byAutonomyReason')) ? at(policy, 'summary', 'byAutonomyReason') : {}
  ) as Record<string, number>;
  const policyGated = pick(byReason, POLICY_GATE_REASONS);
  const rolloutGated = pick(byReason, ROLLOUT_GATE_REASONS);
  const transportGated = transportReasons(handoff);
  const govActive = governance?.blocksAutonomous === true;
  const govCount = govActive ? numOr(at(policy, 'unsuppressedCount'), 0) : 0;
  const counts = {
    policy: total(policyGated),
    rollout: total(rolloutGated),
    gov: govCount,
    transport: total(transportGated),
  };
  return {
    byReason,
    byPath: {
      policyGated: { blockedCount: counts.policy, byReason: policyGated },
      rolloutGated: { blockedCount: counts.rollout, byReason: rolloutGated },
      governanceGated: { blockedCount: counts.gov, reasonCodes: governance?.reasonCodes ?? [] },
      transportGated: { blockedCount: counts.transport, byReason: transportGated },
    },
    suppressionReasonCodes: [
      ...(counts.policy > 0 ? ['autonomous_suppression_policy_gated'] : []),
      ...(counts.rollout > 0 ? ['autonomous_suppression_rollout_gated'] : []),
      ...(counts.gov > 0 ? ['autonomous_suppression_governance_gated'] : []),
      ...(counts.transport > 0 ? ['autonomous_suppression_transport_gated'] : []),
    ].sort(),
    blockedCount: BLOCKING_KEYS.reduce((a, k) => a + (byReason[k] ?? 0), 0),
    killSwitchActive: at(policy, 'autonomous', 'controls', 'safety', 'killSwitch') === true,
  };
};
