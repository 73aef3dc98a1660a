// What promotion reads of the policy and handoff states to derive fleet status's autonomous section,
// decoded once by the runner. Lenient like the reference's ops-manager-fleet-status.sh, which reads them
// with jq's `//` (false, null and absent take the default); identifiers and reason codes are kept as
// written, whatever their type, because the reference compares and prints them as written.
import * as t from 'io-ts';
import { decodeLenient, flag, jqOr, listOf, orElse, section, view } from './lenient.js';

const Governance = section(
  {
    authorityContextPresent: t.unknown,
    actor: t.string,
    approvalRef: t.string,
    rationale: t.string,
    changedAt: t.string,
    reviewBy: t.string,
  },
  'PromotionGovernance',
);

export const PromotionPolicyView = view(
  {
    mode: jqOr(t.string, 'advisory'),
    manualOnlyCount: jqOr(t.number, 0),
    unsuppressedCount: jqOr(t.number, 0),
    summary: section({ byAutonomyReason: orElse(t.UnknownRecord, {}) }, 'PromotionPolicySummary'),
    autonomous: section(
      {
        governance: Governance,
        rollout: section(
          { pause: section({ auto: section({ active: flag }, 'PromotionAutoPause') }, 'PromotionPause') },
          'PromotionRollout',
        ),
      },
      'PromotionPolicyAutonomous',
    ),
  },
  'PromotionPolicyState',
);

export const PromotionHandoffView = view(
  {
    mode: jqOr(t.string, 'advisory'),
    intents: listOf(
      section(
        {
          intentId: t.unknown,
          transport: jqOr(t.unknown, 'local'),
          status: t.unknown,
          autonomous: section({ manualOnly: flag }, 'PromotionIntentAutonomy'),
        },
        'PromotionIntent',
      ),
    ),
    execution: section(
      {
        results: listOf(
          section(
            {
              intentId: t.unknown,
              status: t.unknown,
              reasonCode: jqOr(t.unknown, 'transport_execution_blocked'),
            },
            'PromotionDispatch',
          ),
        ),
      },
      'PromotionExecution',
    ),
  },
  'PromotionHandoffState',
);

export type PromotionPolicy = Exclude<t.TypeOf<typeof PromotionPolicyView>, undefined>;
export type PromotionGovernance = PromotionPolicy['autonomous']['governance'];
export type PromotionHandoff = Exclude<t.TypeOf<typeof PromotionHandoffView>, undefined>;

/** Pure: a policy state document as parsed (null when absent) decoded for promotion. Total. */
export const decodePromotionPolicy = (raw: unknown): PromotionPolicy | null =>
  decodeLenient(PromotionPolicyView, raw) ?? null;

/** Pure: a handoff state document as parsed (null when absent) decoded for promotion. Total. */
export const decodePromotionHandoff = (raw: unknown): PromotionHandoff | null =>
  decodeLenient(PromotionHandoffView, raw) ?? null;
