// The autonomous safety rails, applied in candidate order after the policy and rollout gates: the
// kill switch, the per-candidate cooldown since it was last eligible, the cap of eligible actions per
// run and the cap per loop. A rail only speaks for a candidate no gate has already held back.
// Law: for any candidates, at most maxActionsPerRun are eligible, at most maxActionsPerLoop per loop,
// and none whose last eligibility lies within cooldownSeconds of now.
import { uniqueSorted } from './json.js';
import type { Safety } from './registry-types.js';
import type { PolicyMode } from './vocabulary.js';

export interface SafetyInput {
  readonly loopId: string;
  /** Reasons from the policy and rollout gates (empty: the rails decide). */
  readonly gatingReasons: readonly string[];
  /** Epoch ms the candidate was last recorded eligible, or null. */
  readonly lastEligibleMs: number | null;
}

export interface SafetyVerdict {
  readonly eligible: boolean;
  readonly reasons: readonly string[];
  readonly cooldown: {
    readonly active: boolean;
    readonly remainingSeconds: number;
    readonly lastEligibleMs: number | null;
  };
  readonly killSwitchActive: boolean;
  readonly runCapBlocked: boolean;
  readonly loopCapBlocked: boolean;
}

const cooldownOf = (s: Safety, last: number | null, asOfMs: number) => {
  const age = last === null ? null : Math.floor((asOfMs - last) / 1000);
  const active = s.cooldownSeconds > 0 && age !== null && age < s.cooldownSeconds;
  return {
    active,
    remainingSeconds: active && age !== null ? s.cooldownSeconds - age : 0,
    lastEligibleMs: last,
  };
};

interface Counts {
  readonly guarded: boolean;
  readonly cooldown: boolean;
  readonly run: number;
  readonly loop: number;
}

const railOf = (s: Safety, { guarded, cooldown, run, loop }: Counts): string | null => {
  if (!guarded) return null;
  if (s.killSwitch) return 'autonomous_kill_switch_enabled';
  if (cooldown) return 'autonomous_cooldown_active';
  if (run >= s.maxActionsPerRun) return 'autonomous_max_actions_per_run_exceeded';
  if (loop >= s.maxActionsPerLoop) return 'autonomous_max_actions_per_loop_exceeded';
  return null;
};

/** Pure: the rails' verdict for each candidate, in the order given. */
export const applySafety = (
  inputs: readonly SafetyInput[],
  s: Safety,
  mode: PolicyMode,
  asOfMs: number,
): SafetyVerdict[] => {
  const guarded = mode === 'guarded_auto';
  let selected = 0;
  const byLoop = new Map<string, number>();
  return inputs.map((c) => {
    const cooldown = cooldownOf(s, c.lastEligibleMs, asOfMs);
    const rail =
      c.gatingReasons.length === 0
        ? railOf(s, {
            guarded,
            cooldown: guarded && cooldown.active,
            run: selected,
            loop: byLoop.get(c.loopId) ?? 0,
          })
        : null;
    const reasons = uniqueSorted([...c.gatingReasons, ...(rail === null ? [] : [rail])]);
    const eligible = reasons.length === 0;
    if (eligible) {
      selected += 1;
      byLoop.set(c.loopId, (byLoop.get(c.loopId) ?? 0) + 1);
    }
    return {
      eligible,
      reasons,
      cooldown,
      killSwitchActive: guarded && s.killSwitch,
      runCapBlocked: rail === 'autonomous_max_actions_per_run_exceeded',
      loopCapBlocked: rail === 'autonomous_max_actions_per_loop_exceeded',
    };
  });
};
