// One policy run as a pure step: the registry, the fleet state and the three folded logs in; the policy
// state and the telemetry lines to append out. The runner only gathers, writes and prints.
import { isoSeconds } from '../core/time.js';
import type { Effect } from '../io/effects.js';
import { candidatesOf } from './candidates.js';
import { planGovernanceEvent, snapshotOf, type AuditTrail } from './governance-audit.js';
import type { HandoffHistory } from './handoff-history.js';
import { evaluateCandidates, fleetPause } from './policy-evaluate.js';
import { historyEntries, type PolicyHistory } from './policy-history.js';
import { policyState, policyTelemetry, type PolicyRun, type PolicyStateDoc } from './policy-state.js';
import type { PolicyFleet } from './policy-views.js';
import type { NormalizedRegistry } from './registry-types.js';

export interface PolicyRunInputs {
  readonly registry: NormalizedRegistry;
  readonly fleet: PolicyFleet;
  readonly history: PolicyHistory;
  readonly handoff: HandoffHistory;
  readonly audit: AuditTrail;
  readonly asOf: { readonly iso: string; readonly ms: number };
  readonly traceId: string;
  /** The --dedupe-window-seconds flag, when given (else the registry's noise controls). */
  readonly dedupeWindowSeconds: number | undefined;
  readonly files: PolicyRun['files'];
}

/** Pure: the policy state and what the run appends to policy-history, policy and governance logs. */
export const policyRunOf = (i: PolicyRunInputs) => {
  const { registry, asOf, traceId } = i;
  const { mode, autonomous: controls, suppressions } = registry.policy;
  const window = i.dedupeWindowSeconds ?? registry.policy.noiseControls.dedupeWindowSeconds;
  const marks = (id: string) =>
    i.history.byCandidate[id] ?? { lastUnsuppressedMs: null, lastEligibleMs: null };
  const results = i.fleet.results;
  const base = candidatesOf({
    results,
    suppressions,
    lastUnsuppressedMs: (id) => marks(id).lastUnsuppressedMs,
    dedupeWindowSeconds: window,
    asOfMs: asOf.ms,
    isoOf: isoSeconds,
  });
  const autonomousExecutions = i.handoff.autonomousExecutions;
  const candidates = evaluateCandidates(base, {
    mode,
    controls,
    autonomousExecutions,
    marks,
    asOfMs: asOf.ms,
    isoOf: isoSeconds,
  });
  const fleetId = i.fleet.fleetId ?? 'default';
  const state = policyState(
    {
      updatedAt: asOf.iso,
      asOfMs: asOf.ms,
      fleetId,
      traceId,
      mode,
      fleetStatus: i.fleet.status ?? 'unknown',
      evaluatedLoopCount: results.length,
      dedupeWindowSeconds: window,
      controls,
      suppressions,
      pause: fleetPause({ controls, autonomousExecutions }),
      files: i.files,
    },
    candidates,
  );
  const ctx = { timestamp: asOf.iso, fleetId, traceId, mode };
  const audit = planGovernanceEvent(i.audit, snapshotOf(mode, controls), {
    ...ctx,
    registryFile: i.files.registryFile,
    source: {
      registryFile: i.files.registryFile,
      policyStateFile: i.files.policyStateFile,
      governanceAuditFile: i.files.governanceAuditFile,
    },
  });
  return {
    state,
    history: historyEntries(ctx, candidates),
    telemetry: policyTelemetry(state),
    audit: audit === null ? [] : [audit],
  };
};

/** Where a policy run is recorded. */
export interface PolicyRunFiles {
  readonly policyStateFile: string;
  readonly policyHistoryFile: string;
  readonly policyTelemetryFile: string;
  readonly governanceAuditFile: string;
}

/** What a run records: the state and the lines to append. */
export interface PolicyRunRecord {
  readonly state: PolicyStateDoc;
  readonly history: readonly object[];
  readonly telemetry: object;
  readonly audit: readonly object[];
}

/** Pure: the effects that record a run (history, telemetry and any audit event appended; state replaced). */
export const policyRunEffects = (r: PolicyRunRecord, f: PolicyRunFiles): Effect[] => [
  { kind: 'write', path: f.policyStateFile, value: r.state, pretty: false },
  { kind: 'append', path: f.policyHistoryFile, records: r.history },
  { kind: 'append', path: f.policyTelemetryFile, records: [r.telemetry] },
  ...(r.audit.length > 0 ? [{ kind: 'append' as const, path: f.governanceAuditFile, records: r.audit }] : []),
];
