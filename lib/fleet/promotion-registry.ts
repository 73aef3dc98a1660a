// What promotion adds to the fleet domain's shared tables: its projections (for `opsfold replay` and the
// replay laws) and the codecs of the files it reads and writes (for contracts/). The fleet registry
// (lib/fleet/registry.ts) merges these two tables.
import type * as t from 'io-ts';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import { PromotionApplyRecord, PromotionApplyResult } from './promotion-apply-codecs.js';
import { autopauseStreakProjection } from './promotion-autopause.js';
import { controllerMutationsProjection } from './promotion-controller-budget.js';
import { PromotionControllerState } from './promotion-controller-codecs.js';
import { PromotionOrchestrateResult } from './promotion-orchestrate-codecs.js';
import {
  PromotionCiResult,
  PromotionDrillState,
  PromotionHandoffExecuteLine,
  PromotionState,
} from './promotion-codecs.js';
import { promotionHistoryProjection } from './promotion-history.js';
import { decodeJsonLine, handoffWindowProjection } from './promotion-window.js';

const window = handoffWindowProjection();

export const fleetPromotionProjections: Readonly<Record<string, RegisteredProjection>> = {
  [window.name]: register(
    window,
    decodeJsonLine,
    'fleet/telemetry/handoff.jsonl: the last 20 autonomous handoff executions (the promotion reliability window).',
  ),
  [autopauseStreakProjection.name]: register(
    autopauseStreakProjection,
    decodeJsonLine,
    'fleet/telemetry/policy.jsonl: the trailing streak of policy evaluations with telemetry auto-pause active.',
  ),
  [promotionHistoryProjection.name]: register(
    promotionHistoryProjection,
    decodeJsonLine,
    'fleet/telemetry/promotion.jsonl: decisions, promotions, the latest decision and its consecutive run.',
  ),
  [controllerMutationsProjection.name]: register(
    controllerMutationsProjection,
    decodeJsonLine,
    'fleet/telemetry/promotion-controller.jsonl: the applies and rollbacks the controller budget counts.',
  ),
};

export const fleetPromotionContracts: Readonly<Record<string, t.Mixed>> = {
  'fleet-promotion-drill-state': PromotionDrillState,
  'fleet-promotion-handoff-execute-line': PromotionHandoffExecuteLine,
  'fleet-promotion-state': PromotionState,
  'fleet-promotion-telemetry-line': PromotionState,
  'fleet-promotion-ci-result': PromotionCiResult,
  'fleet-promotion-apply-state': PromotionApplyResult,
  'fleet-promotion-apply-telemetry-line': PromotionApplyRecord,
  'fleet-promotion-orchestrate-result': PromotionOrchestrateResult,
  'fleet-promotion-controller-state': PromotionControllerState,
  'fleet-promotion-controller-telemetry-line': PromotionControllerState,
};
