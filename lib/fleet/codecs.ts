// The contracts of every fleet artifact, for contracts/*.schema.json and for readers (promotion reads
// the state, policy-state, handoff-state and the telemetry lines). Inputs a reference or an operator
// writes are lenient (unknown keys allowed, the keys opsfold reads typed); outputs name every key
// opsfold writes. The registry's own fail-closed rules live in registry-normalize.ts: the codec is the
// shape, the validator the rules.
import * as t from 'io-ts';

const Str = t.string;
const Num = t.number;
const Strs = t.array(t.string);
export const open = <P extends t.Props>(props: P, name: string) =>
  t.intersection([t.UnknownRecord, t.partial(props)], name);

/** `.superloop/ops-manager/fleet/registry.v1.json` as written by an operator. */
export const FleetRegistryFile = t.intersection(
  [
    t.UnknownRecord,
    t.type({
      schemaVersion: t.literal('v1'),
      loops: t.array(t.intersection([t.UnknownRecord, t.type({ loopId: Str })])),
    }),
    t.partial({ fleetId: Str, policy: t.UnknownRecord }),
  ],
  'FleetRegistryFile',
);

/** One loop's entry in `fleet/state.json` and the reconcile telemetry. */
export const LoopResult = t.intersection(
  [
    t.type({
      timestamp: Str,
      startedAt: Str,
      loopId: Str,
      transport: Str,
      enabled: t.boolean,
      status: t.keyof({ success: null, failed: null, skipped: null }),
      reconcileStatus: Str,
      healthStatus: Str,
      healthReasonCodes: Strs,
      durationSeconds: Num,
      traceId: Str,
      sprite: t.UnknownRecord,
      metadata: t.UnknownRecord,
      files: t.type({ stateFile: Str, healthFile: Str, cursorFile: Str, reconcileTelemetryFile: Str }),
    }),
    t.partial({ reasonCode: Str, transitionState: Str, outputExcerpt: Str }),
  ],
  'FleetLoopResult',
);

const rollupProps = {
  fleetId: Str,
  traceId: Str,
  status: t.keyof({ success: null, partial_failure: null, failed: null }),
  reasonCodes: Strs,
  loopCount: Num,
  successCount: Num,
  failedCount: Num,
  skippedCount: Num,
  durationSeconds: Num,
  results: t.array(LoopResult),
};

/** `fleet/state.json`: the latest fleet reconcile rollup. */
export const FleetStateDoc = t.type(
  {
    schemaVersion: t.literal('v1'),
    updatedAt: Str,
    startedAt: Str,
    ...rollupProps,
    execution: t.type({
      maxParallel: Num,
      deterministicOrder: t.boolean,
      fromStart: t.boolean,
      maxEvents: Num,
    }),
  },
  'FleetState',
);

/** One line of `fleet/telemetry/reconcile.jsonl`. */
export const FleetReconcileLine = t.type(
  { timestamp: Str, category: t.literal('fleet_reconcile'), ...rollupProps },
  'FleetReconcileLine',
);

/** One line of `fleet/telemetry/policy.jsonl`. */
export const PolicyTelemetryLine = t.type(
  {
    timestamp: Str,
    category: t.literal('fleet_policy'),
    fleetId: Str,
    traceId: Str,
    mode: Str,
    summary: t.UnknownRecord,
  },
  'FleetPolicyLine',
);

/** One line of `fleet/telemetry/policy-history.jsonl` (one per candidate per policy run). */
export const PolicyHistoryLine = open(
  {
    timestamp: Str,
    category: Str,
    candidateId: Str,
    loopId: Str,
    candidateCategory: Str,
    suppressed: t.boolean,
    autonomousEligible: t.boolean,
    autonomousManualOnly: t.boolean,
    autonomousReasons: Strs,
  },
  'FleetPolicyHistoryLine',
);

/** One line of `fleet/telemetry/policy-governance.jsonl` (immutable, sealed by eventDigest). */
export const PolicyGovernanceLine = t.intersection(
  [
    t.type({
      timestamp: Str,
      category: t.literal('fleet_policy_governance'),
      eventType: Str,
      mode: Str,
      governance: t.unknown,
      controls: t.unknown,
    }),
    t.partial({
      fleetId: Str,
      traceId: Str,
      previousMode: Str,
      previousGovernance: t.unknown,
      previousControls: t.unknown,
      snapshotDigest: Str,
      previousEventDigest: Str,
      eventDigest: Str,
    }),
  ],
  'FleetPolicyGovernanceLine',
);
