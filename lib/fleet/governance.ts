// Governance of guarded autonomy: the authority context (who changed the policy, under which
// approval, why, when, until when) and its posture at an instant, as fleet status reports it.
// Posture, first match: not_required (advisory) > authority_missing > review_deadline_missing >
// review_expired > review_due_soon (within 7 days) > active.
import { compact } from './json.js';
import type { Governance } from './registry-types.js';
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

/** The governance block as a policy carries it; a policy state may add its own authority verdict. */
export interface GovernanceFacts extends Governance {
  readonly authorityContextPresent?: boolean;
}

/** Pure: whether all five authority fields are present (non-empty strings). */
export const authorityPresent = (g: Governance): boolean => FIELDS.every((f) => (g[f] ?? '') !== '');

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
export const governanceContext = (
  mode: string,
  governance: GovernanceFacts,
  asOfMs: number,
): GovernanceContext => {
  const guarded = mode === 'guarded_auto';
  const authority = governance.authorityContextPresent ?? authorityPresent(governance);
  const reviewBy = governance.reviewBy ?? null;
  const review = reviewBy === null ? null : parseIso(reviewBy);
  const reasonCodes = reasonsOf(guarded, authority, review, asOfMs);
  return compact({
    changedBy: governance.actor,
    changedAt: governance.changedAt,
    approvalRef: governance.approvalRef,
    why: governance.rationale,
    until: governance.reviewBy,
    reviewWindowDays: governance.reviewWindowDays,
    authorityContextPresent: authority,
    posture: postureOf(guarded, authority, review, asOfMs),
    reasonCodes,
    blocksAutonomous: guarded && reasonCodes.length > 0,
  });
};
