// `fleet/telemetry/policy-history.jsonl`: one line per candidate per policy run (suppression and
// autonomy verdicts), and the fold the next run reads back: per candidate, the latest time it was
// raised unsuppressed (advisory dedupe window) and the latest time it was autonomous-eligible
// (autonomous cooldown). Both are maxima, so the fold is order-insensitive within a file.
// Law: fold(all) == foldFrom(fold(prefix), rest); lines without a candidate id or timestamp are counted.
import type { Positioned, Projection } from '../core/projection.js';
import { parseIso } from '../core/time.js';
import * as t from 'io-ts';
import { compact } from './json.js';
import { decodeLenient, Defaulted, flag, section, text } from './lenient.js';
import type { CandidateMarks, EvaluatedCandidate } from './policy-evaluate.js';

export interface PolicyHistory {
  readonly records: number;
  readonly unkeyed: number;
  readonly byCandidate: Readonly<Record<string, CandidateMarks>>;
}

const later = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

/** Suppressed unless written as false or left out (the reference's `(.suppressed // false) == false`). */
const Suppressed = new Defaulted<boolean>(
  'Suppressed',
  (u): u is boolean => typeof u === 'boolean',
  (u) => t.success(!(u === false || u === null || u === undefined)),
  (a) => a,
);

/** What the fold reads of a history line: lenient, so a line of another shape counts as unkeyed. */
const HistoryLine = section(
  { candidateId: text, timestamp: text, suppressed: Suppressed, autonomousEligible: flag },
  'PolicyHistoryMarks',
);

/** Folds policy history into the per-candidate marks the dedupe window and cooldown read. */
export const policyHistoryProjection: Projection<PolicyHistory, unknown> = {
  name: 'fleet-policy-history',
  version: 1,
  initial: { records: 0, unkeyed: 0, byCandidate: {} },
  evolve(s, e: Positioned<unknown>) {
    const v = decodeLenient(HistoryLine, e.value);
    const id = v.candidateId;
    const ms = v.timestamp === null ? null : parseIso(v.timestamp);
    if (id === null || id === '' || ms === null)
      return { ...s, records: s.records + 1, unkeyed: s.unkeyed + 1 };
    const prev = s.byCandidate[id] ?? { lastUnsuppressedMs: null, lastEligibleMs: null };
    const unsuppressed = !v.suppressed;
    const eligible = v.autonomousEligible;
    const next: CandidateMarks = {
      lastUnsuppressedMs: unsuppressed ? later(prev.lastUnsuppressedMs, ms) : prev.lastUnsuppressedMs,
      lastEligibleMs: eligible ? later(prev.lastEligibleMs, ms) : prev.lastEligibleMs,
    };
    return { records: s.records + 1, unkeyed: s.unkeyed, byCandidate: { ...s.byCandidate, [id]: next } };
  },
};

export interface RunContext {
  readonly timestamp: string;
  readonly fleetId: string;
  readonly traceId: string;
  readonly mode: string;
}

/** Pure: the history lines a policy run appends, one per candidate (null values dropped). */
export const historyEntries = (ctx: RunContext, candidates: readonly EvaluatedCandidate[]) =>
  candidates.map((c) =>
    compact({
      timestamp: ctx.timestamp,
      category: 'fleet_policy_candidate',
      fleetId: ctx.fleetId,
      traceId: ctx.traceId,
      mode: ctx.mode,
      candidateId: c.candidateId,
      loopId: c.loopId,
      candidateCategory: c.category,
      severity: c.severity,
      confidence: c.confidence,
      recommendedIntent: c.recommendedIntent,
      suppressed: c.suppressed,
      suppressionReason: c.suppressionReason,
      suppressionScope: c.suppressionScope,
      suppressionSource: c.suppressionSource,
      autonomousEligible: c.autonomous.eligible,
      autonomousManualOnly: c.autonomous.manualOnly,
      autonomousReasons: c.autonomous.reasons,
      autonomousRolloutInScope: c.autonomous.rollout.selector.inScope,
      autonomousRolloutInCohort: c.autonomous.rollout.selector.inCohort,
      autonomousRolloutBucket: c.autonomous.rollout.selector.bucket,
      autonomousRolloutPauseActive: c.autonomous.rollout.pause.active,
      autonomousRolloutPauseReasons: c.autonomous.rollout.pause.reasons,
      autonomousAutoPauseActive: c.autonomous.rollout.pause.auto.active,
      autonomousAutoPauseReasons: c.autonomous.rollout.pause.auto.reasons,
    }),
  );
