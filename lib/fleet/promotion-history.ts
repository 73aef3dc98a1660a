// The promotion decision history (fleet/telemetry/promotion.jsonl, append-only), folded for replay:
// how many decisions, how many promoted, the latest decision and how many consecutive decisions ended
// the same way. Laws: evolve is total (a row without a promote|hold decision is counted as ignored);
// fold(all) == foldFrom(fold(prefix), rest).
import type { Projection } from '../core/projection.js';
import * as t from 'io-ts';
import { decodeLenient, section, StringList, text } from './lenient.js';

/** What the fold reads of a decision row: lenient, so a row of another shape reads as empty. */
const PromotionRow = section(
  {
    generatedAt: text,
    summary: section(
      { decision: t.keyof({ promote: null, hold: null }), failedGates: StringList },
      'PromotionRowSummary',
    ),
  },
  'PromotionRow',
);

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
    const row = decodeLenient(PromotionRow, event.value);
    const decision = row.summary.decision;
    if (decision === undefined) return { ...state, ignored: state.ignored + 1 };
    return {
      ...state,
      decisions: state.decisions + 1,
      promoted: state.promoted + (decision === 'promote' ? 1 : 0),
      latest: {
        decision,
        generatedAt: row.generatedAt,
        line: event.position.line,
      },
      consecutive: state.latest?.decision === decision ? state.consecutive + 1 : 1,
      latestFailedGates: row.summary.failedGates,
    };
  },
};
