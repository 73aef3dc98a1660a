// The shared body of `fleet promotion-gates` and `fleet promotion-ci`: flags → evidence → decision →
// append promotion.jsonl → write promotion-state.json. The decision itself is lib/fleet (pure); this
// file only reads, writes and names things.
import {
  decidePromotion,
  promotionDocument,
  type PromotionDocument,
} from '../../lib/fleet/promotion-decision.js';
import type { PromotionThresholds } from '../../lib/fleet/promotion-gates.js';
import { promotionEffects, promotionSource } from '../../lib/fleet/promotion-layout.js';
import type { Io, Values } from '../cli/command.js';
import { fleetTraceOf } from './common.js';
import { applyFleetEffects } from './edge.js';
import { asOfOf } from '../cli/clock.js';
import type { PromotionPaths } from './promotion-paths.js';
import { readAutopauseStreak, readDrillEvidence, readHandoffEvidence } from './promotion-evidence.js';
import { readStatusFacts } from './promotion-read.js';

/** Reads the evidence and decides; writes nothing. */
export const evaluatePromotion = async (
  v: Values,
  io: Io,
  p: PromotionPaths,
  t: PromotionThresholds,
): Promise<PromotionDocument> => {
  const asOf = asOfOf(v, io);
  const traceId = fleetTraceOf(v, io);
  const status = await readStatusFacts(p, asOf.ms);
  const evidence = {
    autonomous: status.facts,
    handoff: await readHandoffEvidence(p, t.windowExecutions),
    drills: await readDrillEvidence(p),
    autopauseStreak: await readAutopauseStreak(p),
  };
  const evaluation = decidePromotion(evidence, t, asOf.iso);
  return promotionDocument(evaluation, t, { traceId, source: promotionSource(p, status.source) });
};

/** Records a decision: the history row first (append-only, under its lock), then the latest state. */
export const persistPromotion = (p: PromotionPaths, doc: PromotionDocument): Promise<void> =>
  applyFleetEffects(p, promotionEffects(p, doc));
