// The controller's settings from its flags as given, checked in the reference's order with its
// `error:` wording; defaults as the reference's.
import * as E from 'fp-ts/lib/Either.js';
import type { BudgetLimits } from './promotion-controller-budget.js';
import {
  CONTROLLER_APPLY_INTENTS,
  CONTROLLER_MODES,
  type ControllerApplyIntent,
  type ControllerMode,
} from './promotion-controller-codecs.js';

export interface ControllerSettings {
  readonly mode: ControllerMode;
  readonly applyIntent: ControllerApplyIntent;
  readonly expandStep: number;
  readonly decisionTtlMinutes: number;
  readonly budget: BudgetLimits;
}

/** The flag values as given (absent: undefined). */
export type GivenSettings = Partial<
  Record<
    | 'mode'
    | 'apply-intent'
    | 'expand-step'
    | 'decision-ttl-minutes'
    | 'budget-window-hours'
    | 'max-applies-per-window'
    | 'max-expand-step-per-window'
    | 'cooldown-minutes',
    string
  >
>;

const intAtLeast = (text: string, min: number): number | null =>
  /^[0-9]+$/.test(text) && Number(text) >= min ? Number(text) : null;

type Check = E.Either<string, number>;

const atLeast = (given: string | undefined, dflt: string, flag: string, min: number): Check => {
  const n = intAtLeast(given ?? dflt, min);
  return n === null ? E.left(`--${flag} must be an integer >= ${min}`) : E.right(n);
};

const expandStepOf = (given: string | undefined): Check => {
  const n = intAtLeast(given ?? '25', 1);
  return n === null || n > 100 ? E.left('--expand-step must be an integer between 1 and 100') : E.right(n);
};

const isOneOf = <K extends string>(ks: readonly K[], v: string): v is K =>
  (ks as readonly string[]).includes(v);

const numbersOf = (g: GivenSettings) => ({
  expandStep: expandStepOf(g['expand-step']),
  decisionTtlMinutes: atLeast(g['decision-ttl-minutes'], '60', 'decision-ttl-minutes', 1),
  windowHours: atLeast(g['budget-window-hours'], '24', 'budget-window-hours', 1),
  maxAppliesPerWindow: atLeast(g['max-applies-per-window'], '1', 'max-applies-per-window', 0),
  maxExpandStepPerWindow: atLeast(g['max-expand-step-per-window'], '25', 'max-expand-step-per-window', 0),
  cooldownMinutes: atLeast(g['cooldown-minutes'], '60', 'cooldown-minutes', 0),
});
type Numbers = Record<keyof ReturnType<typeof numbersOf>, number>;

const checkedNumbers = (g: GivenSettings): E.Either<string, Numbers> => {
  const n: Partial<Numbers> = {};
  for (const [key, check] of Object.entries(numbersOf(g)) as [keyof Numbers, Check][]) {
    if (E.isLeft(check)) return check;
    n[key] = check.right;
  }
  return E.right(n as Numbers);
};

/** Pure: the settings, or the first `error:` line the reference gives. */
export const controllerSettingsOf = (g: GivenSettings): E.Either<string, ControllerSettings> => {
  const mode = g.mode ?? 'propose_only';
  if (!isOneOf(CONTROLLER_MODES, mode))
    return E.left('--mode must be one of propose_only, guarded_auto_apply');
  const applyIntent = g['apply-intent'] ?? 'expand';
  if (!isOneOf(CONTROLLER_APPLY_INTENTS, applyIntent))
    return E.left('--apply-intent must be one of expand, resume');
  const numbers = checkedNumbers(g);
  if (E.isLeft(numbers)) return numbers;
  const { expandStep, decisionTtlMinutes, ...budget } = numbers.right;
  return E.right({ mode, applyIntent, expandStep, decisionTtlMinutes, budget });
};
