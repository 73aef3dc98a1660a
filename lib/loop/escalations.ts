// Escalation dedupe over `escalations.jsonl`. A condition (loop + category + condition code) is
// raised once when it becomes active, stays quiet while it stays active, and is resolved once when
// it clears. The log is the only memory: a projection folds it into the set of raised conditions,
// and a pure planner compares that set with the conditions active now and returns the records to
// append. Records keep the reference's keys (timestamp, loopId, category, …); opsfold adds only
// `dedupeKey` and `escalationAction` ('raise' | 'resolve'). Records without a dedupeKey (written by
// the reference) are counted and otherwise left alone.
// Law: for any sequence of active sets, appending each plan and folding the log gives exactly one
// raise per activation and one resolve per clearing, never two raises in a row for one key.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Positioned, Projection } from '../core/projection.js';
import { AnyString, lenient, lenientObject, readView } from './lenient.js';

export const ESCALATION_ACTIONS = ['raise', 'resolve'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/** A condition that holds now, with the reference-shaped record to append when it is raised. */
export interface ActiveCondition {
  readonly loopId: string;
  /** The reference's escalation category: health_degraded, health_critical, divergence_detected, … */
  readonly category: string;
  /** What holds within the category: a reason code or a divergence flag. */
  readonly condition: string;
  readonly record: Readonly<Record<string, unknown>>;
}

export interface RaisedCondition {
  readonly loopId: string;
  readonly category: string;
  readonly condition: string;
  readonly raisedAt: string | null;
  readonly line: number;
}

export interface EscalationHistory {
  readonly active: Readonly<Record<string, RaisedCondition>>;
  readonly records: number;
  readonly raises: number;
  readonly resolves: number;
  /** Records without a dedupeKey: the reference's, or hand-written. */
  readonly unkeyed: number;
}

/**
 * Pure: the dedupe key. A loop id is one path segment and categories and conditions are codes, so
 * `/` cannot occur inside a part and the key is injective.
 */
export const dedupeKeyOf = (loopId: string, category: string, condition: string): string =>
  `${loopId}/${category}/${condition}`;

const keyParts = (key: string): [string, string, string] | null => {
  const parts = key.split('/');
  return parts.length === 3 ? [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''] : null;
};

const isAction = (u: unknown): u is EscalationAction => u === 'raise' || u === 'resolve';

/** One `escalations.jsonl` record as the dedupe fold reads it (anything else in it is left alone). */
export const EscalationLineView = lenientObject(
  {
    dedupeKey: AnyString,
    escalationAction: lenient(
      'EscalationActionOrNull',
      (u): u is EscalationAction | null => u === null || isAction(u),
      (u) => (isAction(u) ? u : null),
    ),
    timestamp: AnyString,
  },
  'EscalationLineView',
);
export type EscalationLine = t.TypeOf<typeof EscalationLineView>;

/** Folds escalations.jsonl into the conditions raised and not yet resolved. */
export const escalationsProjection: Projection<EscalationHistory, EscalationLine> = {
  name: 'loop-escalations',
  version: 1,
  initial: { active: {}, records: 0, raises: 0, resolves: 0, unkeyed: 0 },
  evolve(s, e: Positioned<EscalationLine>) {
    const key = e.value.dedupeKey;
    const parts = key === null ? null : keyParts(key);
    const action = e.value.escalationAction;
    if (key === null || parts === null || action === null)
      return { ...s, records: s.records + 1, unkeyed: s.unkeyed + 1 };
    if (action === 'resolve') {
      const { [key]: _gone, ...rest } = s.active;
      return { ...s, active: rest, records: s.records + 1, resolves: s.resolves + 1 };
    }
    const [loopId, category, condition] = parts;
    const raised = {
      loopId,
      category,
      condition,
      raisedAt: e.value.timestamp,
      line: e.position.line,
    };
    return { ...s, active: { ...s.active, [key]: raised }, records: s.records + 1, raises: s.raises + 1 };
  },
};

export interface PlanScope {
  readonly loopId: string;
  /** The categories this caller evaluates: only their raised conditions may be resolved by it. */
  readonly categories: readonly string[];
}

export interface PlanInput {
  readonly history: EscalationHistory;
  readonly active: readonly ActiveCondition[];
  readonly scope: PlanScope;
  readonly asOf: string;
  /** Keys copied into resolve records (traceId, transport, …). */
  readonly resolveExtras?: Readonly<Record<string, unknown>>;
}

/**
 * Pure: the records to append, raises (in the order given) then resolves (by key). A condition given
 * twice is raised once; a condition outside the scope is neither raised nor resolved.
 */
export const planEscalations = (i: PlanInput): Record<string, unknown>[] => {
  const inScope = (loopId: string, category: string) =>
    loopId === i.scope.loopId && i.scope.categories.includes(category);
  const now = new Set<string>();
  const raises: Record<string, unknown>[] = [];
  for (const c of i.active) {
    if (!inScope(c.loopId, c.category)) continue;
    const key = dedupeKeyOf(c.loopId, c.category, c.condition);
    if (now.has(key)) continue;
    now.add(key);
    if (i.history.active[key] !== undefined) continue;
    raises.push({
      timestamp: i.asOf,
      ...c.record,
      loopId: c.loopId,
      category: c.category,
      dedupeKey: key,
      escalationAction: 'raise',
    });
  }
  const resolves = Object.entries(i.history.active)
    .filter(([key, r]) => inScope(r.loopId, r.category) && !now.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, r]) => ({
      timestamp: i.asOf,
      ...i.resolveExtras,
      loopId: r.loopId,
      category: r.category,
      dedupeKey: key,
      escalationAction: 'resolve',
      raisedAt: r.raisedAt,
    }));
  return [...raises, ...resolves];
};

/** Pure: the active set a log leaves behind (for status views and tests). */
export const activeEscalations = (h: EscalationHistory): RaisedCondition[] =>
  Object.keys(h.active)
    .sort()
    .map((k) => h.active[k] as RaisedCondition);

/** One line of `escalations.jsonl` (the reference's keys, opsfold's dedupe keys; lenient). */
export const EscalationRecordCodec = t.intersection(
  [
    t.UnknownRecord,
    t.partial({
      timestamp: t.string,
      loopId: t.string,
      category: t.string,
      traceId: t.union([t.string, t.null]),
      dedupeKey: t.string,
      escalationAction: t.keyof({ raise: null, resolve: null }),
      raisedAt: t.union([t.string, t.null]),
    }),
  ],
  'EscalationRecord',
);

/** Pure: the decoder escalations.jsonl lines are folded with (any JSON object is a record). */
export const decodeEscalation = (v: unknown): E.Either<string, EscalationLine> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? E.right(readView(EscalationLineView, v))
    : E.left('escalation record is not an object');
