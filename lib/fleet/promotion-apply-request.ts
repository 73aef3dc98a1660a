// The flag rules `fleet promotion-apply` and `fleet promotion-orchestrate` share, as pure checks that
// answer with the reference's `error:` wording (the runner makes them usage errors).
import * as E from 'fp-ts/lib/Either.js';
import { APPLY_INTENTS, type ApplyIntent } from './promotion-apply-codecs.js';

/** Pure: the intent, or the reference's refusal. */
export const parseApplyIntent = (raw: string | undefined): E.Either<string, ApplyIntent> =>
  APPLY_INTENTS.includes(raw as ApplyIntent)
    ? E.right(raw as ApplyIntent)
    : E.left('--intent must be one of expand, resume, rollback');

/** Pure: the expand step (default 25): an integer from 1 to 100 written with digits only. */
export const parseExpandStep = (raw: string | undefined): E.Either<string, number> => {
  const text = raw ?? '25';
  const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  return n >= 1 && n <= 100 ? E.right(n) : E.left('--expand-step must be an integer between 1 and 100');
};

/** The governance flags a mutation needs, in the order the reference checks them. */
export const GOVERNANCE_FLAGS = ['by', 'approval-ref', 'rationale', 'review-by'] as const;
export type GovernanceFlag = (typeof GOVERNANCE_FLAGS)[number];

/** The governance of a mutation as the operator gave it: who, under which approval, why, review by when. */
export interface MutationGovernance {
  readonly actor: string;
  readonly approvalRef: string;
  readonly rationale: string;
  readonly reviewBy: string;
}

/** Pure: the first governance flag missing or empty, or null when all are given. */
export const missingGovernance = (
  given: Readonly<Partial<Record<GovernanceFlag, string>>>,
): GovernanceFlag | null => GOVERNANCE_FLAGS.find((f) => (given[f] ?? '') === '') ?? null;
