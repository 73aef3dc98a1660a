import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readView } from './lenient.js';
import { DriftPreviousView } from './manager-views.js';
import { decode } from '../core/codec.js';
import {
  DriftHistoryCodec,
  DriftStateCodec,
  confidenceLevel,
  driftHistoryEntry,
  evaluateDrift,
  type DriftInputs,
} from './profile-drift.js';

const base: Omit<DriftInputs, 'previous'> = {
  loopId: 'demo-loop',
  asOf: '2026-02-22T12:00:00Z',
  appliedProfile: 'balanced',
  recommendedProfile: 'relaxed',
  recommendationConfidence: 'high',
  minConfidence: 'medium',
  requiredStreak: 2,
  summaryWindow: 40,
  rationale: null,
};
// `previous` as the file holds it, decoded through its view as the runner does.
type Given = Partial<Omit<DriftInputs, 'previous'>> & { previous?: unknown };
const drift = (i: Given) =>
  evaluateDrift({ ...base, ...i, previous: readView(DriftPreviousView, i.previous ?? {}) });
const chain = (...steps: Given[]) =>
  steps.reduce<ReturnType<typeof evaluateDrift>[]>(
    (acc, step) => [...acc, drift({ ...step, previous: acc[acc.length - 1] ?? {} })],
    [],
  );

describe('when the applied profile differs from a confident recommendation', () => {
  it('is pending on the first mismatch and active once the streak is reached', () => {
    const [first, second] = chain({}, {});
    expect([first?.status, first?.mismatchStreak, first?.driftActive, first?.action]).toEqual([
      'mismatch_pending',
      1,
      false,
      'monitor_additional_windows',
    ]);
    expect([second?.status, second?.reasonCode, second?.driftActive, second?.transitioned]).toEqual([
      'drift_active',
      'profile_drift_detected',
      true,
      { toActive: true, toResolved: false },
    ]);
    expect(second?.action).toBe('review_threshold_profile');
  });
  it('does not report a transition while it stays active', () => {
    const states = chain({}, {}, {});
    expect(states[2]?.transitioned).toEqual({ toActive: false, toResolved: false });
    expect(states[2]?.mismatchStreak).toBe(3);
  });
});

describe('when the profiles realign', () => {
  it('is aligned, resets the streak and reports the resolution once', () => {
    const states = chain({ requiredStreak: 1 }, { requiredStreak: 1, recommendedProfile: 'balanced' });
    expect([states[1]?.status, states[1]?.mismatchStreak, states[1]?.transitioned]).toEqual([
      'aligned',
      0,
      { toActive: false, toResolved: true },
    ]);
    expect(states[1]).not.toHaveProperty('action');
    expect(states[1]).not.toHaveProperty('reasonCode');
  });
});

describe('gating', () => {
  it('does not count a mismatch below the minimum confidence', () => {
    const d = drift({ recommendationConfidence: 'low', minConfidence: 'high', requiredStreak: 1 });
    expect([d.status, d.eligibleMismatch, d.mismatchStreak, d.action]).toEqual([
      'insufficient_confidence',
      false,
      0,
      'collect_more_confident_telemetry',
    ]);
  });
  it('says no_recommendation without a recommendation, omitting the null keys', () => {
    const d = drift({ recommendedProfile: null, rationale: null });
    expect(d.status).toBe('no_recommendation');
    expect(Object.keys(d)).not.toContain('recommendedProfile');
  });
  it('treats a previous streak that is not a whole number as zero', () => {
    expect(drift({ previous: { mismatchStreak: 'x' } }).mismatchStreak).toBe(1);
    expect(drift({ previous: { mismatchStreak: 4 } }).mismatchStreak).toBe(5);
  });
  it('accepts only low, medium and high as confidence levels', () => {
    expect(['low', 'medium', 'high', 'toString', 'x'].map(confidenceLevel)).toEqual([
      'low',
      'medium',
      'high',
      null,
      null,
    ]);
  });
});

describe('contracts', () => {
  it('state and history lines satisfy their codecs', () => {
    const d = drift({ rationale: 'because' });
    expect(E.isRight(decode(DriftStateCodec, d))).toBe(true);
    expect(E.isRight(decode(DriftHistoryCodec, driftHistoryEntry(d)))).toBe(true);
  });
});
