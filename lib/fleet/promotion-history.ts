// The promotion decision history (fleet/telemetry/promotion.jsonl, append-only), folded for replay:
// how many decisions, how many promoted, the latest decision and how many consecutive decisions ended
// the same way. Laws: evolve is total (a row without a promote|hold decision is counted as ignored);
// fold(all) == foldFrom(fold(prefix), rest).
import type { Projection } from '../core/projection.js';
import { at } from './promotion-inputs.js';

export interface PromotionHistoryState {
  readonly decisions: number;
  readonly promoted: number;
  readonly ignored: number;
  readonly latest: {
    readonly decision: string;
    readonly generatedAt: string | null;
    readonly line: number;
  } | null;
  readonly consecutive: number;
  readonly latestFailedGates: readonly string[];
}

const initial: PromotionHistoryState = {
  decisions: 0,
  promoted: 0,
  ignored: 0,
  latest: null,
  consecutive: 0,
  latestFailedGates: [],
};

export const promotionHistoryProjection: Projection<PromotionHistoryState, unknown> = {
  name: 'fleet-promotion-history',
  version: 1,
  initial,
  evolve(state, event) {
    const decision = at(event.value, 'summary', 'decision');
    if (decision !== 'promote' && decision !== 'hold') return { ...state, ignored: state.ignored + 1 };
    const generatedAt = at(event.value, 'generatedAt');
    const gates = at(event.value, 'summary', 'failedGates');
    return {
      ...state,
      decisions: state.decisions + 1,
      promoted: state.promoted + (decision === 'promote' ? 1 : 0),
      latest: {
        decision,
        generatedAt: typeof generatedAt === 'string' ? generatedAt : null,
        line: event.position.line,
      },
      consecutive: state.latest?.decision === decision ? state.consecutive + 1 : 1,
      latestFailedGates: Array.isArray(gates) ? gates.filter((g): g is string => typeof g === 'string') : [],
    };
  },
};
