// The immutable governance audit trail, `fleet/telemetry/policy-governance.jsonl`: a policy run
// appends one event when guarded autonomy is initialized, when its governance or controls change
// (mutated) and when the mode flips (toggled); an unchanged policy appends nothing. opsfold seals
// each event with `eventDigest` (sha256 of the event without it) chained through
// `previousEventDigest`, and the fold reports the first line whose seal does not hold, so an edited
// or removed line is detected instead of trusted. Lines without a seal (the reference's) are accepted
// as unsealed and do not break the chain.
// Law: planning against the fold of the log the plan was appended to yields no further event.
import type { Positioned, Projection } from '../core/projection.js';
import { sha256Digest, sha256Update, sha256Initial } from '../core/sha256.js';
import { stableJson } from '../core/stable-json.js';
import { compact, isObject, strOrNull } from './json.js';
import type { AutonomousControls, Governance } from './registry-types.js';

/** The audited part of a policy as a trail line holds it: echoed and digested as written. */
export interface GovernanceSnapshot {
  readonly mode: string;
  readonly governance: unknown;
  readonly controls: unknown;
}

/** The audited part of the normalized policy a run plans against. */
export interface PolicySnapshot extends GovernanceSnapshot {
  readonly governance: Governance;
  readonly controls: Pick<AutonomousControls, 'allow' | 'thresholds' | 'safety' | 'rollout'>;
}

export interface AuditTrail {
  readonly records: number;
  readonly unsealed: number;
  readonly last: (GovernanceSnapshot & { readonly eventDigest: string | null; readonly line: number }) | null;
  readonly broken: { readonly line: number; readonly reason: string } | null;
}

/** Pure: sha256 (hex) of a value's stable JSON. */
export const digestOf = (v: unknown): string =>
  sha256Digest(sha256Update(sha256Initial, new TextEncoder().encode(stableJson(v, false))));

/** Pure: the audited part of a normalized policy. */
export const snapshotOf = (mode: string, autonomous: AutonomousControls): PolicySnapshot => ({
  mode,
  governance: autonomous.governance,
  controls: {
    allow: autonomous.allow,
    thresholds: autonomous.thresholds,
    safety: autonomous.safety,
    rollout: autonomous.rollout,
  },
});

const sealCheck = (s: AuditTrail, v: Record<string, unknown>): string | null => {
  const { eventDigest, ...rest } = v;
  if (typeof eventDigest !== 'string') return null;
  if (digestOf(rest) !== eventDigest) return 'eventDigest does not match the event (edited line)';
  const prev = s.last?.eventDigest ?? null;
  if (prev !== null && v['previousEventDigest'] !== prev)
    return 'previousEventDigest does not match the event before it (line removed or reordered)';
  return null;
};

/** Folds the governance audit trail into its latest snapshot, checking each sealed line. */
export const governanceAuditProjection: Projection<AuditTrail, unknown> = {
  name: 'fleet-policy-governance',
  version: 1,
  initial: { records: 0, unsealed: 0, last: null, broken: null },
  evolve(s, e: Positioned<unknown>) {
    const v = e.value;
    if (!isObject(v)) return { ...s, records: s.records + 1 };
    const problem = sealCheck(s, v);
    const broken = s.broken ?? (problem === null ? null : { line: e.position.line, reason: problem });
    const eventDigest = strOrNull(v['eventDigest']);
    return {
      records: s.records + 1,
      unsealed: s.unsealed + (eventDigest === null ? 1 : 0),
      broken,
      last: {
        mode: strOrNull(v['mode']) ?? 'advisory',
        governance: v['governance'] ?? {},
        controls: v['controls'] ?? {},
        eventDigest,
        line: e.position.line,
      },
    };
  },
};

export interface AuditContext {
  readonly timestamp: string;
  readonly fleetId: string;
  readonly traceId: string;
  readonly registryFile: string;
  /** The reference's `source` block: where the policy came from and where it and this trail go. */
  readonly source: {
    readonly registryFile: string;
    readonly policyStateFile: string;
    readonly governanceAuditFile: string;
  };
}

const eventTypeOf = (last: AuditTrail['last'], now: GovernanceSnapshot): string | null => {
  if (last === null) return now.mode === 'guarded_auto' ? 'autonomous_policy_initialized' : null;
  if (last.mode !== now.mode) return 'autonomous_mode_toggled';
  if (now.mode !== 'guarded_auto') return null;
  const same =
    digestOf({ g: last.governance, c: last.controls }) === digestOf({ g: now.governance, c: now.controls });
  return same ? null : 'autonomous_policy_mutated';
};

/** Pure: the sealed event to append for the current snapshot, or null when nothing changed. */
export const planGovernanceEvent = (
  trail: AuditTrail,
  now: PolicySnapshot,
  ctx: AuditContext,
): Record<string, unknown> | null => {
  const eventType = eventTypeOf(trail.last, now);
  if (eventType === null) return null;
  const last = trail.last;
  const event = compact({
    timestamp: ctx.timestamp,
    category: 'fleet_policy_governance',
    eventType,
    fleetId: ctx.fleetId,
    traceId: ctx.traceId,
    registryFile: ctx.registryFile,
    mode: now.mode,
    previousMode: last?.mode,
    governance: now.governance,
    previousGovernance: last?.governance,
    controls: now.controls,
    previousControls: last?.controls,
    actor: now.governance.actor ?? null,
    approvalRef: now.governance.approvalRef ?? null,
    source: ctx.source,
    snapshotDigest: digestOf(now),
    previousEventDigest: last?.eventDigest ?? null,
  });
  return { ...event, eventDigest: digestOf(event) };
};
