// The shapes `fleet promotion-apply` writes: the apply record (printed, written to the apply state
// document and appended to the apply telemetry log), as io-ts codecs so contracts/ carries their
// JSON Schemas and the output type is defined once.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

export const APPLY_INTENTS = ['expand', 'resume', 'rollback'] as const;
export type ApplyIntent = (typeof APPLY_INTENTS)[number];

export const ApplyIntentCodec = t.keyof({ expand: null, resume: null, rollback: null });

const RolloutSide = t.type({ canaryPercent: t.number, manualPause: t.boolean });

export const ApplyGovernance = t.type({
  actor: t.string,
  approvalRef: t.string,
  rationale: t.string,
  changedAt: t.string,
  reviewBy: t.string,
});

export const ApplyFiles = t.type({
  registryFile: t.string,
  promotionStateFile: t.string,
  applyStateFile: t.string,
  applyTelemetryFile: t.string,
});

/** One applied mutation: fleet/promotion-apply-state.json and a line of telemetry/promotion-apply.jsonl. */
export const PromotionApplyRecord = t.type(
  {
    schemaVersion: t.literal('v1'),
    timestamp: t.string,
    category: t.literal('promotion_apply'),
    fleetId: t.string,
    traceId: t.string,
    loopId: nullable(t.string),
    horizonRef: nullable(t.string),
    evidenceRefs: t.array(t.string),
    idempotencyKey: nullable(t.string),
    status: t.literal('applied'),
    intent: ApplyIntentCodec,
    decision: t.string,
    governance: ApplyGovernance,
    rollout: t.type({
      before: RolloutSide,
      after: RolloutSide,
      changed: t.type({ canaryPercent: t.boolean, manualPause: t.boolean }),
    }),
    files: ApplyFiles,
    reasonCodes: t.array(t.string),
  },
  'PromotionApplyRecord',
);
export type PromotionApplyRecord = t.TypeOf<typeof PromotionApplyRecord>;

/** What the command prints and leaves in the apply state: the record, marked `replayed` on a replay. */
export const PromotionApplyResult = t.intersection(
  [PromotionApplyRecord, t.partial({ replayed: t.literal(true) })],
  'PromotionApplyResult',
);

/** The part of a promotion state (or CI result) apply reads: its decision. */
export const PromotionDecisionView = t.type({ summary: t.type({ decision: t.string }) });

/** Pure: `summary.decision` of a promotion document, or null when it has none. */
export const promotionDecisionOf = (doc: unknown): string | null => {
  const v = PromotionDecisionView.decode(doc);
  return v._tag === 'Right' ? v.right.summary.decision : null;
};
