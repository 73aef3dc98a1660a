// How long telemetry auto-pause has been on: the trailing run of fleet policy evaluations
// (fleet/telemetry/policy.jsonl, `category: fleet_policy`) whose autonomous rollout auto-pause was
// active. The seed asks for "no sustained auto-pause"; the reference gate looks only at the current
// status, so promotion reports the streak beside it as evidence. Laws: evolve is total (other rows are
// counted as ignored); an evaluation without auto-pause resets the streak; fold(all) ==
// foldFrom(fold(prefix), rest).
import type { Projection } from '../core/projection.js';
import { classifyPolicyRow } from './promotion-inputs.js';

export interface AutopauseStreakState {
  readonly evaluations: number;
  readonly ignored: number;
  readonly streak: number;
  readonly since: string | null;
  readonly lastEvaluatedAt: string | null;
}

const initial: AutopauseStreakState = {
  evaluations: 0,
  ignored: 0,
  streak: 0,
  since: null,
  lastEvaluatedAt: null,
};

export const autopauseStreakProjection: Projection<AutopauseStreakState, unknown> = {
  name: 'fleet-promotion-autopause-streak',
  version: 1,
  initial,
  evolve(state, event) {
    const row = classifyPolicyRow(event.value);
    if (row.kind === 'other') return { ...state, ignored: state.ignored + 1 };
    const evaluations = state.evaluations + 1;
    const lastEvaluatedAt = row.timestamp ?? state.lastEvaluatedAt;
    if (!row.autopauseActive) return { ...state, evaluations, streak: 0, since: null, lastEvaluatedAt };
    const since = state.streak === 0 ? row.timestamp : state.since;
    return { ...state, evaluations, streak: state.streak + 1, since, lastEvaluatedAt };
  },
};
