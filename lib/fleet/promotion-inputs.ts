// Lenient, fail-closed readers for the fleet artifacts promotion looks at (handoff.jsonl rows, policy.jsonl
// rows, the drill evidence file, a fleet status document). Other commands own these formats; promotion
// reads only the fields the reference reads, with jq's `// default` semantics (null and false mean
// absent). A value of the wrong type where a count or timestamp belongs is evidence of corruption and is
// reported, never coerced into a passing number. Pure: no clock, no file system.

import * as E from 'fp-ts/lib/Either.js';
import { parseIso } from '../core/time.js';
import { decodeLenient } from './lenient.js';
import {
  AutonomousCounts,
  DrillStateDoc,
  firstMessage,
  HandoffRowHead,
  PolicyRowView,
  StatusFactsView,
} from './promotion-input-codecs.js';

/** Pure: the value as a plain JSON object, or null. */
export const asRecord = (v: unknown): Readonly<Record<string, unknown>> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

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

/**
 * Pure: classifies a handoff.jsonl row. Autonomous executions are `category: fleet_handoff_execute` with
 * `execution.mode: autonomous`; an absent count is 0 (as in the reference), a count that is not a
 * non-negative integer makes the row invalid (a negative failure count would flatter the failure rate).
 */
export const classifyHandoffRow = (v: unknown): HandoffRow => {
  const head = decodeLenient(HandoffRowHead, v);
  if (head.category !== 'fleet_handoff_execute' || head.execution.mode !== 'autonomous') {
    return { kind: 'other' };
  }
  const counts = AutonomousCounts.decode(v);
  if (E.isLeft(counts)) return { kind: 'invalid', reason: firstMessage(counts.left) };
  const c = counts.right.execution;
  return {
    kind: 'autonomous',
    timestamp: head.timestamp,
    requested: c.requestedIntentCount,
    executed: c.executedCount,
    ambiguous: c.ambiguousCount,
    failed: c.failedCount,
  };
};

export type PolicyRow =
  | { readonly kind: 'evaluation'; readonly timestamp: string | null; readonly autopauseActive: boolean }
  | { readonly kind: 'other' };

/** Pure: a policy.jsonl row (`category: fleet_policy`) and whether telemetry auto-pause was active in it. */
export const classifyPolicyRow = (v: unknown): PolicyRow => {
  const row = decodeLenient(PolicyRowView, v);
  if (row.category !== 'fleet_policy') return { kind: 'other' };
  return {
    kind: 'evaluation',
    timestamp: row.timestamp,
    autopauseActive: row.summary.autonomous.rollout.pause.auto.active,
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
  const r = DrillStateDoc.decode(doc);
  return E.isRight(r) ? { kind: 'ok', drills: r.right } : { kind: 'invalid', reason: firstMessage(r.left) };
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

const codesOf = (v: readonly unknown[]): string[] =>
  [...new Set(v.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))))].sort();

/** Pure: the facts of a fleet status document's `autonomous` object (missing parts fail their gate). */
export const autonomousFactsOf = (status: unknown): AutonomousFacts => {
  const auto = decodeLenient(StatusFactsView, status).autonomous;
  return {
    enabled: auto.enabled,
    posture: auto.governance.posture,
    blocksAutonomous: auto.governance.blocksAutonomous,
    governanceReasonCodes: codesOf(auto.governance.reasonCodes),
    manualBacklog: auto.outcomeRollup.manual_backlog,
    autopauseActive: auto.rollout.autopause.active || auto.rollout.state.autoPauseActive,
    byPath: auto.safetyGateDecisions.byPath,
  };
};

/**
 * Pure: the registry problems promotion refuses to evaluate over (the outer shape only; `opsfold fleet
 * registry` validates every loop and policy field). Empty when the registry can be read.
 */
export const registryShapeErrors = (doc: unknown): string[] => {
  const rec = asRecord(doc);
  if (rec === null) return ['the registry is not a JSON object'];
  const { schemaVersion, loops } = rec;
  return [
    ...(schemaVersion === 'v1' ? [] : ['schemaVersion must be "v1"']),
    ...(Array.isArray(loops) ? [] : ['loops must be an array']),
    ...(Array.isArray(loops) && loops.length === 0 ? ['loops must include at least one loop entry'] : []),
  ];
};
