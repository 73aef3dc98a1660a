// Promotion thresholds from their flag texts, validated with the reference's rules and wording
// (`--window-executions must be an integer >= 1`, ...). Pure: a bad value is a returned Left, never thrown.
import * as E from 'fp-ts/lib/Either.js';
import type { PromotionThresholds } from './promotion-gates.js';
import { DEFAULT_PROMOTION_THRESHOLDS } from './promotion-decision.js';

export const THRESHOLD_FLAGS = {
  'window-executions': 'windowExecutions',
  'min-sample-size': 'minSampleSize',
  'max-ambiguity-rate': 'maxAmbiguityRate',
  'max-failure-rate': 'maxFailureRate',
  'max-manual-backlog': 'maxManualBacklog',
  'max-drill-age-hours': 'maxDrillAgeHours',
} as const satisfies Record<string, keyof PromotionThresholds>;

export type ThresholdFlag = keyof typeof THRESHOLD_FLAGS;

const INTEGER = /^[0-9]+$/;
const RATE = /^([0-9]+([.][0-9]+)?|[.][0-9]+)$/;

type Rule = { readonly kind: 'int'; readonly min: number } | { readonly kind: 'rate' };

const RULES: Record<ThresholdFlag, Rule> = {
  'window-executions': { kind: 'int', min: 1 },
  'min-sample-size': { kind: 'int', min: 1 },
  'max-ambiguity-rate': { kind: 'rate' },
  'max-failure-rate': { kind: 'rate' },
  'max-manual-backlog': { kind: 'int', min: 0 },
  'max-drill-age-hours': { kind: 'int', min: 1 },
};

const parseOne = (flag: ThresholdFlag, raw: string): E.Either<string, number> => {
  const rule = RULES[flag];
  if (rule.kind === 'int') {
    const n = INTEGER.test(raw) ? Number(raw) : Number.NaN;
    return Number.isSafeInteger(n) && n >= rule.min
      ? E.right(n)
      : E.left(`--${flag} must be an integer >= ${rule.min}`);
  }
  const x = RATE.test(raw) ? Number(raw) : Number.NaN;
  return x >= 0 && x <= 1 ? E.right(x) : E.left(`--${flag} must be a number between 0 and 1`);
};

/** Pure: thresholds from the flags given (absent ones take the reference defaults), or the first error. */
export const parsePromotionThresholds = (
  given: Partial<Record<ThresholdFlag, string>>,
): E.Either<string, PromotionThresholds> => {
  const out: Record<string, number> = { ...DEFAULT_PROMOTION_THRESHOLDS };
  for (const [flag, key] of Object.entries(THRESHOLD_FLAGS) as [ThresholdFlag, keyof PromotionThresholds][]) {
    const raw = given[flag];
    if (raw === undefined) continue;
    const parsed = parseOne(flag, raw);
    if (E.isLeft(parsed)) return parsed;
    out[key] = parsed.right;
  }
  return E.right(out as unknown as PromotionThresholds);
};
