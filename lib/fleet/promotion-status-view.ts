// The part of fleet status that promotion reads (`autonomous.*`), derived the way the reference's
// ops-manager-fleet-status.sh derives it from policy-state.json and handoff-state.json, at `asOf`.
// Promotion computes it itself instead of running the status command, so its decision is a pure function
// of the folded artifacts and the instant. Law: with neither policy nor handoff state there is no
// autonomous section (null), and every gate that needs it fails closed.
import { parseStrictIso } from './promotion-inputs.js';
import type { PromotionGovernance, PromotionHandoff, PromotionPolicy } from './promotion-views.js';
import { POLICY_GATE_REASONS, ROLLOUT_GATE_REASONS } from './vocabulary.js';

const DUE_SOON_MS = 7 * 24 * 3600 * 1000;
const GOVERNANCE_FIELDS = ['actor', 'approvalRef', 'rationale', 'changedAt', 'reviewBy'] as const;

export interface GovernanceView {
  readonly posture: string;
  readonly reasonCodes: readonly string[];
  readonly blocksAutonomous: boolean;
  readonly authorityContextPresent: boolean;
}

const authorityPresent = (gov: PromotionGovernance): boolean =>
  gov.authorityContextPresent !== undefined
    ? gov.authorityContextPresent === true
    : GOVERNANCE_FIELDS.every((k) => (gov[k] ?? '') !== '');

interface PostureFacts {
  readonly guarded: boolean;
  readonly authority: boolean;
  readonly hasDeadline: boolean;
  readonly expired: boolean;
  readonly dueSoon: boolean;
}

/** The first matching posture wins, in the reference's order. */
const postureOf = (f: PostureFacts): string => {
  if (!f.guarded) return 'not_required';
  if (!f.authority) return 'authority_missing';
  if (!f.hasDeadline) return 'review_deadline_missing';
  if (f.expired) return 'review_expired';
  return f.dueSoon ? 'review_due_soon' : 'active';
};

/**
 * Pure: governance posture of a policy state at `asOfMs`. A `reviewBy` that is not a timestamp counts as
 * missing (the reference would call it active); a deadline within 7 days is `review_due_soon`.
 */
export const governanceView = (policy: PromotionPolicy, asOfMs: number): GovernanceView => {
  const guarded = policy.mode === 'guarded_auto';
  const gov = policy.autonomous.governance;
  const authority = authorityPresent(gov);
  const review = parseStrictIso(gov.reviewBy);
  const expired = review !== null && review <= asOfMs;
  const dueSoon = review !== null && review > asOfMs && review - asOfMs <= DUE_SOON_MS;
  const codes = guarded
    ? [
        ...(authority ? [] : ['autonomous_governance_authority_missing']),
        ...(review === null ? ['autonomous_governance_review_deadline_missing'] : []),
        ...(expired ? ['autonomous_governance_review_expired'] : []),
        ...(dueSoon ? ['autonomous_governance_review_due_soon'] : []),
      ].sort()
    : [];
  const posture = postureOf({ guarded, authority, hasDeadline: review !== null, expired, dueSoon });
  return {
    posture,
    reasonCodes: codes,
    blocksAutonomous: guarded && codes.length > 0,
    authorityContextPresent: authority,
  };
};

const countsFor = (counts: Readonly<Record<string, unknown>>, keys: readonly string[]) => {
  const byReason = Object.fromEntries(Object.entries(counts).filter(([k]) => keys.includes(k)));
  const blockedCount = Object.values(byReason).reduce<number>(
    (n, c) => n + (typeof c === 'number' ? c : 0),
    0,
  );
  return { blockedCount, byReason };
};

/** Pure: failed/ambiguous sprite_service executions of the latest handoff, by reason code. */
const transportGated = (handoff: PromotionHandoff | null) => {
  const transportOf = new Map<unknown, unknown>(
    (handoff?.intents ?? []).map((i) => [i.intentId, i.transport]),
  );
  const byReason: Record<string, number> = {};
  for (const r of handoff?.execution.results ?? []) {
    if (transportOf.get(r.intentId) !== 'sprite_service') continue;
    if (r.status !== 'failed' && r.status !== 'ambiguous') continue;
    const code = String(r.reasonCode);
    byReason[code] = (byReason[code] ?? 0) + 1;
  }
  return { blockedCount: Object.values(byReason).reduce((a, b) => a + b, 0), byReason };
};

const manualBacklogOf = (policy: PromotionPolicy | null, handoff: PromotionHandoff | null): number =>
  handoff !== null
    ? handoff.intents.filter((i) => i.status === 'pending_operator_confirmation' && i.autonomous.manualOnly)
        .length
    : (policy?.manualOnlyCount ?? 0);

const byPathOf = (
  policy: PromotionPolicy | null,
  handoff: PromotionHandoff | null,
  gov: GovernanceView | null,
) => {
  const reasons = policy?.summary.byAutonomyReason ?? {};
  const governanceActive = policy?.mode === 'guarded_auto' && (gov?.reasonCodes.length ?? 0) > 0;
  return {
    policyGated: countsFor(reasons, POLICY_GATE_REASONS),
    rolloutGated: countsFor(reasons, ROLLOUT_GATE_REASONS),
    governanceGated: {
      blockedCount: governanceActive ? (policy?.unsuppressedCount ?? 0) : 0,
      reasonCodes: gov?.reasonCodes ?? [],
    },
    transportGated: transportGated(handoff),
  };
};

/**
 * Pure: the fleet status document's `autonomous` section (the fields promotion reads) from the policy
 * and handoff state documents (null when absent), at `asOfMs`; null when both are absent.
 */
export const fleetStatusAutonomous = (
  policy: PromotionPolicy | null,
  handoff: PromotionHandoff | null,
  asOfMs: number,
): unknown => {
  if (policy === null && handoff === null) return null;
  const gov = policy === null ? null : governanceView(policy, asOfMs);
  const mode = policy !== null ? policy.mode : (handoff?.mode ?? 'advisory');
  return {
    mode,
    enabled: mode === 'guarded_auto',
    outcomeRollup: { manual_backlog: manualBacklogOf(policy, handoff) },
    ...(gov === null ? {} : { governance: gov }),
    ...(policy === null
      ? {}
      : {
          rollout: {
            autopause: { active: policy.autonomous.rollout.pause.auto.active },
          },
        }),
    safetyGateDecisions: { byPath: byPathOf(policy, handoff, gov) },
  };
};
