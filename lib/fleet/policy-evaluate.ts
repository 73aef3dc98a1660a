// The autonomous verdict of each candidate: policy and rollout gates, then the safety rails in
// candidate order. The result keeps the reference's `autonomous` block (gates, safety, rollout with
// the selector bucket and the pause state) so operators see why a candidate is manual-only.
import { gateCandidate, pauseOf, type Gates, type PauseState } from './autonomy.js';
import { autoPauseOf } from './autopause.js';
import type { Candidate } from './candidates.js';
import type { AutonomousExecution } from './handoff-history.js';
import type { AutonomousControls } from './registry-types.js';
import { applySafety } from './safety.js';
import type { PolicyMode } from './vocabulary.js';

export interface CandidateAutonomy {
  readonly mode: PolicyMode;
  readonly eligible: boolean;
  readonly manualOnly: boolean;
  readonly reasons: readonly string[];
  readonly gatingReasons: readonly string[];
  readonly recommendedIntent: string;
  readonly gates: Gates;
  readonly safety: {
    readonly maxActionsPerRun: number;
    readonly maxActionsPerLoop: number;
    readonly cooldownSeconds: number;
    readonly killSwitch: boolean;
    readonly cooldown: {
      readonly active: boolean;
      readonly remainingSeconds: number;
      readonly lastEligibleAt: string | null;
    };
    readonly killSwitchActive: boolean;
    readonly runCapBlocked: boolean;
    readonly loopCapBlocked: boolean;
  };
  readonly rollout: {
    readonly canaryPercent: number;
    readonly scopeLoopIds: readonly string[];
    readonly selector: {
      readonly salt: string;
      readonly bucket: number;
      readonly inScope: boolean;
      readonly canarySelected: boolean;
      readonly inCohort: boolean;
    };
    readonly pause: PauseState;
  };
}

export interface EvaluatedCandidate extends Candidate {
  readonly autonomous: CandidateAutonomy;
}

/** What the evaluation needs from a candidate's past runs; policy-history.ts folds it from the log. */
export interface CandidateMarks {
  readonly lastUnsuppressedMs: number | null;
  readonly lastEligibleMs: number | null;
}

export interface EvaluationInputs {
  readonly mode: PolicyMode;
  readonly controls: AutonomousControls;
  readonly autonomousExecutions: readonly AutonomousExecution[];
  readonly marks: (candidateId: string) => CandidateMarks;
  readonly asOfMs: number;
  readonly isoOf: (ms: number) => string;
}

/** Pure: the rollout pause the candidates share (manual flag, auto-pause over handoff history). */
export const fleetPause = (i: Pick<EvaluationInputs, 'controls' | 'autonomousExecutions'>): PauseState =>
  pauseOf(i.controls.rollout.pause.manual, autoPauseOf(i.controls.rollout.autoPause, i.autonomousExecutions));

/** Pure: every candidate with its autonomous verdict (input order kept). */
export const evaluateCandidates = (
  candidates: readonly Candidate[],
  i: EvaluationInputs,
): EvaluatedCandidate[] => {
  const pause = fleetPause(i);
  const { controls, mode } = i;
  const gated = candidates.map((c) => gateCandidate(c, mode, controls, pause));
  const verdicts = applySafety(
    candidates.map((c, k) => ({
      loopId: c.loopId,
      gatingReasons: gated[k]?.reasons ?? [],
      lastEligibleMs: i.marks(c.candidateId).lastEligibleMs,
    })),
    controls.safety,
    mode,
    i.asOfMs,
  );
  return candidates.map((c, k) => {
    const g = gated[k] as (typeof gated)[number];
    const v = verdicts[k] as (typeof verdicts)[number];
    const s = controls.safety;
    const r = controls.rollout;
    return {
      ...c,
      autonomous: {
        mode,
        eligible: v.eligible,
        manualOnly: !v.eligible,
        reasons: v.reasons,
        gatingReasons: g.reasons,
        recommendedIntent: c.recommendedIntent,
        gates: g.gates,
        safety: {
          maxActionsPerRun: s.maxActionsPerRun,
          maxActionsPerLoop: s.maxActionsPerLoop,
          cooldownSeconds: s.cooldownSeconds,
          killSwitch: s.killSwitch,
          cooldown: {
            active: v.cooldown.active,
            remainingSeconds: v.cooldown.remainingSeconds,
            lastEligibleAt: v.cooldown.lastEligibleMs === null ? null : i.isoOf(v.cooldown.lastEligibleMs),
          },
          killSwitchActive: v.killSwitchActive,
          runCapBlocked: v.runCapBlocked,
          loopCapBlocked: v.loopCapBlocked,
        },
        rollout: {
          canaryPercent: r.canaryPercent,
          scopeLoopIds: r.scope.loopIds,
          selector: { salt: r.selector.salt, ...g.cohort },
          pause,
        },
      },
    };
  });
};
