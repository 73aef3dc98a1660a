// The controller's guards, each a pure function of what was read and the run's instant: the decision's
// freshness, the mutation budget over its own telemetry (applies and expand steps in a rolling window,
// a cooldown after any apply or rollback), and operator freeze windows.
// Law (promotion-controller.prop.test.ts): a run that applies never takes the window past its budget.
import { isObject } from '../core/json-object.js';
import type { Projection } from '../core/projection.js';
import { parseIso } from '../core/time.js';
import type { ControllerFreezeMatch, ControllerReasonCode } from './promotion-controller-codecs.js';

/** One apply or rollback the controller recorded, at whole seconds. */
export interface Mutation {
  readonly epoch: number;
  readonly action: 'apply' | 'rollback';
  /** The row's execution.expandStep when it is a number, else 0. */
  readonly expandStep: number;
}

export interface MutationHistory {
  readonly rows: number;
  readonly mutations: readonly Mutation[];
}

const epochOf = (v: unknown): number | null => {
  const ms = typeof v === 'string' ? parseIso(v) : null;
  return ms === null ? null : Math.floor(ms / 1000);
};

/** Pure: the mutation a telemetry row records, or null (not a mutation, or no readable timestamp). */
export const mutationOf = (row: unknown): Mutation | null => {
  if (!isObject(row)) return null;
  const execution = isObject(row['execution']) ? row['execution'] : {};
  const action = execution['action'];
  const epoch = epochOf(row['timestamp']);
  if ((action !== 'apply' && action !== 'rollback') || epoch === null) return null;
  const step = execution['expandStep'];
  return { epoch, action, expandStep: typeof step === 'number' && Number.isFinite(step) ? step : 0 };
};

/** telemetry/promotion-controller.jsonl folded to the mutations the budget counts. */
export const controllerMutationsProjection: Projection<MutationHistory, unknown> = {
  name: 'fleet-promotion-controller-mutations',
  version: 1,
  initial: { rows: 0, mutations: [] },
  evolve(state, event) {
    const m = mutationOf(event.value);
    return { rows: state.rows + 1, mutations: m === null ? state.mutations : [...state.mutations, m] };
  },
};

export interface BudgetLimits {
  readonly windowHours: number;
  readonly maxAppliesPerWindow: number;
  readonly maxExpandStepPerWindow: number;
  readonly cooldownMinutes: number;
}

/** What this run would add: an expand of `expandStep`, or a resume (no step). */
export interface BudgetCandidate {
  readonly intent: 'expand' | 'resume';
  readonly expandStep: number;
}

export interface BudgetVerdict {
  readonly applyCount: number;
  readonly expandStepSum: number;
  readonly cooldownRemainingSeconds: number;
  readonly reasons: readonly ControllerReasonCode[];
}

/** Pure: the budget at `now` (epoch seconds) for one more apply of `candidate`. */
export const budgetOf = (
  mutations: readonly Mutation[],
  limits: BudgetLimits,
  candidate: BudgetCandidate,
  now: number,
): BudgetVerdict => {
  const inWindow = mutations.filter((m) => m.epoch >= now - limits.windowHours * 3600);
  const applies = inWindow.filter((m) => m.action === 'apply');
  const expandStepSum = applies.reduce((sum, m) => sum + m.expandStep, 0);
  const cooldown = limits.cooldownMinutes * 60;
  const last = inWindow.length === 0 ? null : Math.max(...inWindow.map((m) => m.epoch));
  const since = last === null ? null : now - last;
  const cooling = since !== null && since < cooldown;
  const reasons: ControllerReasonCode[] = [];
  if (applies.length >= limits.maxAppliesPerWindow) reasons.push('controller_budget_apply_count_exceeded');
  if (candidate.intent === 'expand' && expandStepSum + candidate.expandStep > limits.maxExpandStepPerWindow)
    reasons.push('controller_budget_expand_step_exceeded');
  if (cooling) reasons.push('controller_budget_cooldown_active');
  return {
    applyCount: applies.length,
    expandStepSum,
    cooldownRemainingSeconds: cooling ? cooldown - since : 0,
    reasons,
  };
};

/** One freeze window as the file gives it (`start`/`startAt`, `end`/`endAt`, optional `reason`). */
export interface FreezeWindow {
  readonly start: string;
  readonly end: string;
  readonly reason: string;
}

export interface FreezeVerdict {
  readonly active: boolean;
  readonly matched: readonly ControllerFreezeMatch[];
  readonly reasons: readonly ControllerReasonCode[];
}

const FREEZE_REASON = 'controller_budget_freeze_window_active';

const textOf = (...vs: unknown[]): string => {
  const v = vs.find((x) => x !== undefined && x !== null && x !== false);
  return typeof v === 'string' ? v : '';
};

/**
 * Pure: the windows of a freeze windows document, or null when an entry is not a window (its start or
 * end is not a timestamp, or it ends before it starts): the file is then refused as a whole.
 */
export const freezeWindowsOf = (doc: unknown): readonly FreezeWindow[] | null => {
  const list = isObject(doc) && Array.isArray(doc['windows']) ? (doc['windows'] as unknown[]) : [];
  const windows: FreezeWindow[] = [];
  for (const w of list) {
    if (!isObject(w)) return null;
    const start = textOf(w['start'], w['startAt']);
    const end = textOf(w['end'], w['endAt']);
    const s = epochOf(start);
    const e = epochOf(end);
    if (s === null || e === null || e < s) return null;
    windows.push({ start, end, reason: textOf(w['reason']) || FREEZE_REASON });
  }
  return windows;
};

/** Pure: the freeze windows active at `now` (epoch seconds; both ends inclusive). */
export const freezeOf = (windows: readonly FreezeWindow[], now: number): FreezeVerdict => {
  const matched = windows.filter((w) => {
    const s = epochOf(w.start) ?? Infinity;
    const e = epochOf(w.end) ?? -Infinity;
    return now >= s && now <= e;
  });
  return {
    active: matched.length > 0,
    matched: matched.map((w) => ({ start: w.start, end: w.end, reason: w.reason })),
    reasons: matched.length > 0 ? [FREEZE_REASON] : [],
  };
};

export interface FreshnessVerdict {
  readonly ageSeconds: number | null;
  readonly reasons: readonly ControllerReasonCode[];
}

/** Pure: how old the evaluated decision is (`generatedAt` of the CI result) against the TTL. */
export const freshnessOf = (ciResult: unknown, ttlMinutes: number, now: number): FreshnessVerdict => {
  const at = epochOf(isObject(ciResult) ? ciResult['generatedAt'] : undefined);
  if (at === null) return { ageSeconds: null, reasons: ['controller_decision_timestamp_invalid'] };
  const ageSeconds = Math.max(0, now - at);
  return { ageSeconds, reasons: ageSeconds > ttlMinutes * 60 ? ['controller_decision_stale'] : [] };
};
