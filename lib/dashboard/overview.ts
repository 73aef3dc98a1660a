// The overview: one row per loop with lifecycle, health and its reason codes, last event age, cursor,
// open escalations and the last control outcome, sorted (unhealthy first unless the operator picks a
// column). Pure: the runner gathers the facts from the folds and documents; ages use the given asOf.
import { parseIso, secondsBetween } from '../core/time.js';
import type { HealthLevel, LoopFacts, LoopRow } from './outputs.js';

const RANK: Readonly<Record<HealthLevel, number>> = { critical: 3, degraded: 2, unknown: 1, healthy: 0 };

/** Pure: the health level a status string stands for (anything unrecognized is unknown). */
export const levelOf = (status: string | null): HealthLevel =>
  status === 'critical' || status === 'degraded' || status === 'healthy' ? status : 'unknown';

/** Pure: the row of one loop as of `asOfMs`. */
export const rowOf = (f: LoopFacts, asOfMs: number): LoopRow => {
  const level = levelOf(f.health.status);
  const at = f.lastEvent.at === null ? null : parseIso(f.lastEvent.at);
  return {
    ...f,
    level,
    rank: RANK[level],
    lastEventAgeSeconds: at === null ? null : Math.max(0, secondsBetween(at, asOfMs)),
    pendingLines:
      f.eventLines === null || f.cursor === null
        ? null
        : Math.max(0, f.eventLines - f.cursor.eventLineOffset),
  };
};

/** Pure: the row of a loop whose last refresh failed, the failure named as a problem of its directory. */
export const withFailure = (row: LoopRow, loopDir: string, failure: string | null): LoopRow =>
  failure === null
    ? row
    : { ...row, problems: [...row.problems, { file: loopDir, kind: 'corrupt', reason: failure }] };

export const SORT_KEYS = ['health', 'loop', 'lifecycle', 'age', 'cursor', 'escalations', 'control'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface SortSpec {
  readonly key: SortKey;
  readonly dir: SortDir;
}

/** The default order: unhealthy first. */
export const DEFAULT_SORT: SortSpec = { key: 'health', dir: 'desc' };

/** Pure: the sort the query asks for; anything unknown falls back to the default. */
export const sortSpecOf = (key: string | null, dir: string | null): SortSpec => {
  const k = (SORT_KEYS as readonly string[]).includes(key ?? '') ? (key as SortKey) : DEFAULT_SORT.key;
  const d: SortDir = dir === 'asc' || dir === 'desc' ? dir : k === 'health' ? 'desc' : 'asc';
  return { key: k, dir: d };
};

type Value = number | string | null;

const VALUE: Readonly<Record<SortKey, (r: LoopRow) => Value>> = {
  health: (r) => r.rank * 1e6 + r.escalations.open,
  loop: (r) => r.loopId,
  lifecycle: (r) => r.lifecycle.state,
  age: (r) => r.lastEventAgeSeconds,
  cursor: (r) => r.pendingLines,
  escalations: (r) => r.escalations.open,
  control: (r) => r.lastControl?.status ?? null,
};

const compareValues = (a: Value, b: Value): number => {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
};

/**
 * Pure: rows in the asked order. Unknown values (no events, no control yet) sort last in either
 * direction; ties are broken by loop id ascending, so the order is total and stable.
 */
export const sortRows = (rows: readonly LoopRow[], spec: SortSpec): LoopRow[] => {
  const value = VALUE[spec.key];
  const sign = spec.dir === 'asc' ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = value(x);
    const b = value(y);
    if (a === null && b !== null) return 1;
    if (b === null && a !== null) return -1;
    const c = sign * compareValues(a, b);
    return c !== 0 ? c : compareValues(x.loopId, y.loopId);
  });
};

/** Pure: how many loops sit at each level, for the page header. */
export const levelCounts = (rows: readonly LoopRow[]): Record<HealthLevel, number> => {
  const out: Record<HealthLevel, number> = { critical: 0, degraded: 0, unknown: 0, healthy: 0 };
  for (const r of rows) out[r.level] += 1;
  return out;
};
