// The governance flags of the mutating promotion commands (apply, orchestrate, controller), read one
// way: the values as given ('' where a flag was not) and the first one missing in the reference's order.
import {
  missingGovernance,
  type GovernanceFlag,
  type MutationGovernance,
} from '../../lib/fleet/promotion-apply-request.js';
import { str, type Values } from '../cli/command.js';

export const governanceFlags = (
  v: Values,
): { readonly governance: MutationGovernance; readonly missing: GovernanceFlag | null } => {
  const flag = (f: GovernanceFlag): string => str(v, f) ?? '';
  return {
    governance: {
      actor: flag('by'),
      approvalRef: flag('approval-ref'),
      rationale: flag('rationale'),
      reviewBy: flag('review-by'),
    },
    missing: missingGovernance({
      by: flag('by'),
      'approval-ref': flag('approval-ref'),
      rationale: flag('rationale'),
      'review-by': flag('review-by'),
    }),
  };
};
