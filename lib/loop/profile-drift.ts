// Profile drift (`profile-drift.json` and a `telemetry/profile-drift.jsonl` line): the applied
// threshold profile differs from the telemetry recommendation. A mismatch counts only when the
// recommendation's confidence reaches the minimum; drift is active after `requiredStreak` counted
// mismatches in a row; any other evaluation resets the streak. Statuses, actions and keys are the
// reference's (null keys are omitted, as it does). Pure: the previous state is an input.
import * as t from 'io-ts';
import type { DriftPreviousView } from './manager-views.js';

export const CONFIDENCE_RANK = { low: 1, medium: 2, high: 3 } as const;
export type ConfidenceLevel = keyof typeof CONFIDENCE_RANK;
export type DriftStatus =
  'no_recommendation' | 'aligned' | 'insufficient_confidence' | 'drift_active' | 'mismatch_pending';

/** Pure: a confidence level from text, or null when it is not one of low, medium, high. */
export const confidenceLevel = (s: string): ConfidenceLevel | null =>
  Object.hasOwn(CONFIDENCE_RANK, s) ? (s as ConfidenceLevel) : null;

export interface DriftInputs {
  readonly loopId: string;
  readonly asOf: string;
  readonly appliedProfile: string | null;
  readonly recommendedProfile: string | null;
  readonly recommendationConfidence: ConfidenceLevel;
  readonly minConfidence: ConfidenceLevel;
  readonly requiredStreak: number;
  readonly summaryWindow: number;
  readonly rationale: string | null;
  /** The drift state written last time (all fields null when there is none). */
  readonly previous: DriftPreviousView;
}

const previousStreak = (previous: DriftPreviousView): number => {
  const s = previous.mismatchStreak ?? '0';
  return /^[0-9]+$/.test(s) ? Number(s) : 0;
};

const statusOf = (i: DriftInputs, mismatch: boolean, confidenceOk: boolean, active: boolean): DriftStatus => {
  if (i.recommendedProfile === null) return 'no_recommendation';
  if (!mismatch) return 'aligned';
  if (!confidenceOk) return 'insufficient_confidence';
  return active ? 'drift_active' : 'mismatch_pending';
};

const ACTION: Readonly<Partial<Record<DriftStatus, string>>> = {
  drift_active: 'review_threshold_profile',
  mismatch_pending: 'monitor_additional_windows',
  insufficient_confidence: 'collect_more_confident_telemetry',
};

/** The optional keys of the drift document: a null value is left out, as the reference writes it. */
const presentOnly = <K extends string, V>(o: Readonly<Record<K, V | null>>): Partial<Record<K, V>> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as Partial<Record<K, V>>;

/** Pure: the drift state document of one evaluation. */
export const evaluateDrift = (i: DriftInputs): DriftState => {
  const recommendationRank = CONFIDENCE_RANK[i.recommendationConfidence];
  const minimumRank = CONFIDENCE_RANK[i.minConfidence];
  const confidenceOk = recommendationRank >= minimumRank;
  const mismatch =
    i.appliedProfile !== null && i.recommendedProfile !== null && i.appliedProfile !== i.recommendedProfile;
  const eligibleMismatch = mismatch && confidenceOk;
  const mismatchStreak = eligibleMismatch ? previousStreak(i.previous) + 1 : 0;
  const driftActive = mismatchStreak >= i.requiredStreak;
  const wasActive = i.previous.driftActive === 'true';
  const status = statusOf(i, mismatch, confidenceOk, driftActive);
  return {
    schemaVersion: 'v1',
    updatedAt: i.asOf,
    loopId: i.loopId,
    status,
    ...presentOnly({
      reasonCode: status === 'drift_active' ? ('profile_drift_detected' as const) : null,
    }),
    ...presentOnly({
      appliedProfile: i.appliedProfile,
      recommendedProfile: i.recommendedProfile,
      rationale: i.rationale,
      action: ACTION[status] ?? null,
    }),
    recommendationConfidence: i.recommendationConfidence,
    minimumConfidence: i.minConfidence,
    recommendationRank,
    minimumRank,
    requiredStreak: i.requiredStreak,
    summaryWindow: i.summaryWindow,
    mismatch,
    confidenceOk,
    eligibleMismatch,
    mismatchStreak,
    driftActive,
    transitioned: { toActive: driftActive && !wasActive, toResolved: !driftActive && wasActive },
  };
};

/** Pure: the `telemetry/profile-drift.jsonl` record of one evaluation. */
export const driftHistoryEntry = (d: DriftState) => ({
  timestamp: d.updatedAt,
  loopId: d.loopId,
  category: 'profile_drift_evaluation',
  drift: d,
});

const Level = t.keyof({ low: null, medium: null, high: null });
const Status = t.keyof({
  no_recommendation: null,
  aligned: null,
  insufficient_confidence: null,
  drift_active: null,
  mismatch_pending: null,
});

/** `.superloop/ops-manager/<loop>/profile-drift.json` */
export const DriftStateCodec = t.intersection(
  [
    t.type({
      schemaVersion: t.literal('v1'),
      updatedAt: t.string,
      loopId: t.string,
      status: Status,
      recommendationConfidence: Level,
      minimumConfidence: Level,
      recommendationRank: t.number,
      minimumRank: t.number,
      requiredStreak: t.number,
      summaryWindow: t.number,
      mismatch: t.boolean,
      confidenceOk: t.boolean,
      eligibleMismatch: t.boolean,
      mismatchStreak: t.number,
      driftActive: t.boolean,
      transitioned: t.type({ toActive: t.boolean, toResolved: t.boolean }),
    }),
    t.partial({
      reasonCode: t.literal('profile_drift_detected'),
      appliedProfile: t.string,
      recommendedProfile: t.string,
      rationale: t.string,
      action: t.string,
    }),
  ],
  'ProfileDriftState',
);
export type DriftState = t.TypeOf<typeof DriftStateCodec>;

/** One line of `.superloop/ops-manager/<loop>/telemetry/profile-drift.jsonl` */
export const DriftHistoryCodec = t.type(
  {
    timestamp: t.string,
    loopId: t.string,
    category: t.literal('profile_drift_evaluation'),
    drift: DriftStateCodec,
  },
  'ProfileDriftHistoryEntry',
);
