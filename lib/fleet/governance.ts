// Governance of guarded autonomy: the authority context (who changed the policy, under which
// approval, why, when, until when) and its posture at an instant, as fleet status reports it.
// Posture, first match: not_required (advisory) > authority_missing > review_deadline_missing >
// review_expired > review_due_soon (within 7 days) > active.
import { at, compact, isObject, strOrNull } from './json.js';
import { parseIso } from '../core/time.js';

export type GovernancePosture =
  | 'not_required'
  | 'authority_missing'
  | 'review_deadline_missing'
  | 'review_expired'
  | 'review_due_soon'
  | 'active';

export const DUE_SOON_SECONDS = 604_800;

const FIELDS = ['actor', 'approvalRef', 'rationale', 'changedAt', 'reviewBy'] as const;

/** Pure: whether all five authority fields are present (non-empty strings). */
export const authorityPresent = (g: unknown): boolean =>
  FIELDS.every((f) => {
    const v = at(g, f);
    return typeof v === 'string' && v !== '';
  });

export interface GovernanceContext {
  readonly changedBy?: string;
  readonly changedAt?: string;
  readonly approvalRef?: string;
  readonly why?: string;
  readonly until?: string;
  readonly reviewWindowDays?: number;
  readonly authorityContextPresent: boolean;
  readonly posture: GovernancePosture;
  readonly reasonCodes: readonly string[];
  readonly blocksAutonomous: boolean;
}

const postureOf = (
  guarded: boolean,
  authority: boolean,
  review: number | null,
  asOfMs: number,
): GovernancePosture => {
  if (!guarded) return 'not_required';
  if (!authority) return 'authority_missing';
  if (review === null) return 'review_deadline_missing';
  if (review <= asOfMs) return 'review_expired';
  return review - asOfMs <= DUE_SOON_SECONDS * 1000 ? 'review_due_soon' : 'active';
};

const reasonsOf = (guarded: boolean, authority: boolean, review: number | null, asOfMs: number): string[] => {
  if (!guarded) return [];
  const expired = review !== null && review <= asOfMs;
  const dueSoon = review !== null && !expired && review - asOfMs <= DUE_SOON_SECONDS * 1000;
  return [
    ...(authority ? [] : ['autonomous_governance_authority_missing']),
    ...(review === null ? ['autonomous_governance_review_deadline_missing'] : []),
    ...(expired ? ['autonomous_governance_review_expired'] : []),
    ...(dueSoon ? ['autonomous_governance_review_due_soon'] : []),
  ].sort();
};

/**
 * Pure: the governance context of a policy at `asOfMs`. An explicit `authorityContextPresent` in the
 * governance block wins over the field check (a policy state may carry its own verdict).
 */
export const governanceContext = (mode: string, governance: unknown, asOfMs: number): GovernanceContext => {
  const guarded = mode === 'guarded_auto';
  const explicit = at(governance, 'authorityContextPresent');
  const authority =
    isObject(governance) && typeof explicit === 'boolean' ? explicit : authorityPresent(governance);
  const reviewBy = strOrNull(at(governance, 'reviewBy'));
  const review = reviewBy === null ? null : parseIso(reviewBy);
  const reasonCodes = reasonsOf(guarded, authority, review, asOfMs);
  const days = at(governance, 'reviewWindowDays');
  return compact({
    changedBy: strOrNull(at(governance, 'actor')) ?? undefined,
    changedAt: strOrNull(at(governance, 'changedAt')) ?? undefined,
    approvalRef: strOrNull(at(governance, 'approvalRef')) ?? undefined,
    why: strOrNull(at(governance, 'rationale')) ?? undefined,
    until: reviewBy ?? undefined,
    reviewWindowDays: typeof days === 'number' ? days : undefined,
    authorityContextPresent: authority,
    posture: postureOf(guarded, authority, review, asOfMs),
    reasonCodes,
    blocksAutonomous: guarded && reasonCodes.length > 0,
  });
};
