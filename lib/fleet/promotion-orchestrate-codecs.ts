// The shapes `fleet promotion-orchestrate` reads and writes: the part of a promotion CI result it
// reads, and its own result document (fleet/promotion-orchestrate-result.json), as io-ts codecs so
// contracts/ carries the JSON Schema and the output type is defined once.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

export const ORCHESTRATE_MODES = ['dry_run', 'apply', 'rollback'] as const;
export type OrchestrateMode = (typeof ORCHESTRATE_MODES)[number];

/** The fields of a promotion CI result the orchestration reports (read leniently, field by field). */
export const CiResultSummaryView = t.partial({
  decision: t.string,
  failedGates: t.array(t.string),
  reasonCodes: t.array(t.string),
});

export const OrchestrateFiles = t.type({
  resultFile: t.string,
  summaryFile: t.string,
  promotionCiResultFile: t.string,
  promotionCiSummaryFile: t.string,
});

/** fleet/promotion-orchestrate-result.json: what one orchestration did. */
export const PromotionOrchestrateResult = t.type(
  {
    schemaVersion: t.literal('v1'),
    timestamp: t.string,
    mode: t.keyof({ dry_run: null, apply: null, rollback: null }),
    status: t.keyof({ preview: null, applied: null, rolled_back: null }),
    decision: t.string,
    traceId: nullable(t.string),
    loopId: nullable(t.string),
    horizonRef: nullable(t.string),
    evidenceRefs: t.array(t.string),
    summary: t.type({ failedGates: t.array(t.string), reasonCodes: t.array(t.string) }),
    apply: t.type({
      executed: t.boolean,
      intent: nullable(t.string),
      idempotencyKey: nullable(t.string),
      /** The apply step's printed record (fleet-promotion-apply-state), or null when apply did not run. */
      record: t.unknown,
    }),
    files: OrchestrateFiles,
  },
  'PromotionOrchestrateResult',
);
export type PromotionOrchestrateResult = t.TypeOf<typeof PromotionOrchestrateResult>;
