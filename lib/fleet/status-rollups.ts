// The autonomous rollups fleet status reports and promotion reads: the outcome rollup (attempted,
// executed, ambiguous, failed, manual_backlog) and the safety-gate decisions by suppression path
// (policyGated, rolloutGated, governanceGated, transportGated).
import { countBy, total } from './json.js';
import { POLICY_GATE_REASONS, ROLLOUT_GATE_REASONS } from './vocabulary.js';
import type { GovernanceContext } from './governance.js';
import type { HandoffLineRollup, StatusHandoff, StatusPolicy } from './status-views.js';

export interface OutcomeRollup {
  readonly attempted: number;
  readonly executed: number;
  readonly ambiguous: number;
  readonly failed: number;
  readonly manual_backlog: number;
}

/** Pure: intents waiting for an operator that autonomy may never execute. */
export const pendingManualOnly = (handoff: StatusHandoff): number =>
  handoff.intents.filter((i) => i.status === 'pending_operator_confirmation' && i.autonomous.manualOnly)
    .length;

type Counted = 'requestedIntentCount' | 'executedCount' | 'ambiguousCount' | 'failedCount';
type Execution = { readonly mode: string | null } & { readonly [K in Counted]: number };

/** Pure: the execution's count, 0 unless the execution was autonomous. */
const autonomousCount = (x: Execution | undefined) => (k: Counted) => (x?.mode === 'autonomous' ? x[k] : 0);

/** Pure: the outcome rollup of the latest handoff state (autonomous executions only; backlog always). */
export const outcomeRollupOf = (
  handoff: StatusHandoff | undefined,
  policy: StatusPolicy | undefined,
): OutcomeRollup => {
  const n = autonomousCount(handoff?.execution);
  const backlog = handoff !== undefined ? pendingManualOnly(handoff) : (policy?.manualOnlyCount ?? 0);
  return {
    attempted: n('requestedIntentCount'),
    executed: n('executedCount'),
    ambiguous: n('ambiguousCount'),
    failed: n('failedCount'),
    manual_backlog: backlog,
  };
};

/** Pure: the rollup of one handoff telemetry line (backlog from its summary, else `fallbackBacklog`). */
export const telemetryRollupOf = (line: HandoffLineRollup, fallbackBacklog: number): OutcomeRollup => {
  const n = autonomousCount(line.execution);
  const pending = line.summary.summary.pendingManualOnlyCount;
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
const transportReasons = (handoff: StatusHandoff | undefined): Record<string, number> => {
  if (handoff === undefined) return {};
  const transportOf = new Map(handoff.intents.map((i) => [i.intentId, i.transport]));
  const hits = handoff.execution.results.filter(
    (r) =>
      transportOf.get(r.intentId) === 'sprite_service' && (r.status === 'failed' || r.status === 'ambiguous'),
  );
  return countBy(hits.map((r) => r.reasonCode ?? 'transport_execution_blocked'));
};

const SUPPRESSION_CODES = {
  policy: 'autonomous_suppression_policy_gated',
  rollout: 'autonomous_suppression_rollout_gated',
  gov: 'autonomous_suppression_governance_gated',
  transport: 'autonomous_suppression_transport_gated',
} as const;

/** Pure: the reason code of every suppression path that blocked something, sorted. */
const suppressionReasonCodes = (counts: Readonly<Record<keyof typeof SUPPRESSION_CODES, number>>): string[] =>
  Object.entries(SUPPRESSION_CODES)
    .filter(([path]) => counts[path as keyof typeof SUPPRESSION_CODES] > 0)
    .map(([, code]) => code)
    .sort();

/** Pure: the safety-gate decisions of fleet status. */
export const safetyGateDecisions = (
  policy: StatusPolicy | undefined,
  handoff: StatusHandoff | undefined,
  governance: GovernanceContext | null,
) => {
  const byReason: Readonly<Record<string, number>> = policy?.summary.byAutonomyReason ?? {};
  const policyGated = pick(byReason, POLICY_GATE_REASONS);
  const rolloutGated = pick(byReason, ROLLOUT_GATE_REASONS);
  const transportGated = transportReasons(handoff);
  const govActive = governance?.blocksAutonomous === true;
  const govCount = govActive ? (policy?.unsuppressedCount ?? 0) : 0;
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
    suppressionReasonCodes: suppressionReasonCodes(counts),
    blockedCount: BLOCKING_KEYS.reduce((a, k) => a + (byReason[k] ?? 0), 0),
    killSwitchActive: policy?.autonomous.controls.safety.killSwitch === true,
  };
};
