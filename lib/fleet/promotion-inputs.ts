// Lenient, fail-closed readers for the fleet artifacts promotion looks at (handoff.jsonl rows, policy.jsonl
// rows, the drill evidence file, a fleet status document). Other commands own these formats; promotion
// reads only the fields the reference reads, with jq's `// default` semantics (null and false mean
// absent). A value of the wrong type where a count or timestamp belongs is evidence of corruption and is
// reported, never coerced into a passing number. Pure: no clock, no file system.

import { parseIso } from '../core/time.js';

/** Pure: the value as a plain JSON object, or null. */
export const asRecord = (v: unknown): Readonly<Record<string, unknown>> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Pure: the value at `path` inside nested objects, or undefined when any step is not an object. */
export const at = (v: unknown, ...path: readonly string[]): unknown => {
  let cur: unknown = v;
  for (const key of path) {
    const rec = asRecord(cur);
    if (rec === null) return undefined;
    cur = rec[key];
  }
  return cur;
};

/** Pure: jq's `x // d`: null, false and a missing value fall back to the default. */
export const orElse = <T>(v: unknown, fallback: T): unknown =>
  v === undefined || v === null || v === false ? fallback : v;

/** Pure: a non-empty string, or null. */
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * Pure: epoch ms of an RFC 3339 timestamp (`2026-02-22T12:00:00Z`, fractions and offsets allowed), or null.
 * Stricter than Date.parse, which accepts `Feb 22 2026` and rolls `02-30` over into March.
 */
export const parseStrictIso = (v: unknown): number | null => (typeof v === 'string' ? parseIso(v) : null);

/** One autonomous handoff execution, as the reliability window counts it. */
export interface AutonomousRun {
  readonly timestamp: string | null;
  readonly requested: number;
  readonly executed: number;
  readonly ambiguous: number;
  readonly failed: number;
}

export type HandoffRow =
  | ({ readonly kind: 'autonomous' } & AutonomousRun)
  | { readonly kind: 'other' }
  | { readonly kind: 'invalid'; readonly reason: string };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const COUNT_KEYS = [
  ['requested', 'requestedIntentCount'],
  ['executed', 'executedCount'],
  ['ambiguous', 'ambiguousCount'],
  ['failed', 'failedCount'],
] as const;

/**
 * Pure: classifies a handoff.jsonl row. Autonomous executions are `category: fleet_handoff_execute` with
 * `execution.mode: autonomous`; an absent count is 0 (as in the reference), a count that is not a
 * non-negative integer makes the row invalid (a negative failure count would flatter the failure rate).
 */
export const classifyHandoffRow = (v: unknown): HandoffRow => {
  const execution = asRecord(at(v, 'execution'));
  if (at(v, 'category') !== 'fleet_handoff_execute' || execution?.['mode'] !== 'autonomous') {
    return { kind: 'other' };
  }
  const counts: Record<string, number> = {};
  for (const [name, key] of COUNT_KEYS) {
    const raw = orElse(execution[key], 0);
    if (!isCount(raw)) {
      return {
        kind: 'invalid',
        reason: `execution.${key} is not a non-negative integer: ${JSON.stringify(raw)}`,
      };
    }
    counts[name] = raw;
  }
  const ts = at(v, 'timestamp');
  const count = (name: string): number => counts[name] ?? 0;
  return {
    kind: 'autonomous',
    timestamp: typeof ts === 'string' ? ts : null,
    requested: count('requested'),
    executed: count('executed'),
    ambiguous: count('ambiguous'),
    failed: count('failed'),
  };
};

export type PolicyRow =
  | { readonly kind: 'evaluation'; readonly timestamp: string | null; readonly autopauseActive: boolean }
  | { readonly kind: 'other' };

/** Pure: a policy.jsonl row (`category: fleet_policy`) and whether telemetry auto-pause was active in it. */
export const classifyPolicyRow = (v: unknown): PolicyRow => {
  if (at(v, 'category') !== 'fleet_policy') return { kind: 'other' };
  const ts = at(v, 'timestamp');
  return {
    kind: 'evaluation',
    timestamp: typeof ts === 'string' ? ts : null,
    autopauseActive: at(v, 'summary', 'autonomous', 'rollout', 'pause', 'auto', 'active') === true,
  };
};

export type DrillState =
  | { readonly kind: 'ok'; readonly drills: readonly unknown[] }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Pure: the drill list of fleet/drills/promotion.v1.json. A JSON null holds no drills (as in the
 * reference); a document that is not an object, or `drills` that is not an array, is invalid.
 */
export const drillStateOf = (doc: unknown): DrillState => {
  if (doc === null) return { kind: 'ok', drills: [] };
  if (asRecord(doc) === null) return { kind: 'invalid', reason: 'the drill state is not a JSON object' };
  const drills = orElse(at(doc, 'drills'), []);
  if (!Array.isArray(drills)) return { kind: 'invalid', reason: '`drills` is not an array' };
  return { kind: 'ok', drills };
};

/** What promotion needs of fleet status `autonomous.*` (generated, or read from --fleet-status-file). */
export interface AutonomousFacts {
  readonly enabled: boolean;
  readonly posture: string | null;
  readonly blocksAutonomous: boolean;
  readonly governanceReasonCodes: readonly string[];
  readonly manualBacklog: number | null;
  readonly autopauseActive: boolean;
  readonly byPath: Readonly<Record<string, unknown>> | null;
}

const codesOf = (v: unknown): string[] =>
  Array.isArray(v) ? [...new Set(v.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))))].sort() : [];

/** Pure: the facts of a fleet status document's `autonomous` object (missing parts fail their gate). */
export const autonomousFactsOf = (status: unknown): AutonomousFacts => {
  const auto = at(status, 'autonomous');
  const backlog = at(auto, 'outcomeRollup', 'manual_backlog');
  const posture = at(auto, 'governance', 'posture');
  return {
    enabled: at(auto, 'enabled') === true,
    posture: typeof posture === 'string' ? posture : null,
    blocksAutonomous: at(auto, 'governance', 'blocksAutonomous') === true,
    governanceReasonCodes: codesOf(at(auto, 'governance', 'reasonCodes')),
    manualBacklog: typeof backlog === 'number' && Number.isFinite(backlog) ? backlog : null,
    autopauseActive:
      at(auto, 'rollout', 'autopause', 'active') === true ||
      at(auto, 'rollout', 'state', 'autoPauseActive') === true,
    byPath: asRecord(at(auto, 'safetyGateDecisions', 'byPath')),
  };
};

/**
 * Pure: the registry problems promotion refuses to evaluate over (the outer shape only; `opsfold fleet
 * registry` validates every loop and policy field). Empty when the registry can be read.
 */
export const registryShapeErrors = (doc: unknown): string[] => {
  if (asRecord(doc) === null) return ['the registry is not a JSON object'];
  const loops = at(doc, 'loops');
  return [
    ...(at(doc, 'schemaVersion') === 'v1' ? [] : ['schemaVersion must be "v1"']),
    ...(Array.isArray(loops) ? [] : ['loops must be an array']),
    ...(Array.isArray(loops) && loops.length === 0 ? ['loops must include at least one loop entry'] : []),
  ];
};
