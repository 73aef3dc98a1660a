// What fleet status reads of each document, decoded once by the runner: the fleet state, policy state,
// handoff state and the last reconcile and handoff telemetry lines. Lenient like the reference (a
// field of the wrong type reads as absent, a missing document as undefined); fields status echoes as
// written stay unknown.
import * as t from 'io-ts';
import {
  count,
  decodeLenient,
  echo,
  Echoes,
  echoing,
  Finite,
  flag,
  listOf,
  orElse,
  section,
  StringList,
  text,
  view,
} from './lenient.js';
import {
  HandoffLineRollupView,
  HandoffLineView,
  ReconcileLineView,
  StatusHandoffView,
} from './status-handoff-views.js';

const Str = t.string;

const LoopResultView = view(
  {
    loopId: t.unknown,
    status: orElse(t.unknown, 'unknown'),
    reasonCode: echo,
    reconcileStatus: echo,
    healthStatus: orElse(t.unknown, 'unknown'),
    healthReasonCodes: Echoes,
    transitionState: echo,
    durationSeconds: echo,
    traceId: echo,
    transport: orElse(t.unknown, 'local'),
    sprite: orElse(t.UnknownRecord, {}),
    files: section(
      { stateFile: echo, healthFile: echo, cursorFile: echo, reconcileTelemetryFile: echo },
      'StatusLoopFiles',
    ),
  },
  'StatusLoopResult',
);

export const StatusFleetView = section(
  {
    fleetId: Str,
    status: orElse(Str, 'unknown'),
    reasonCodes: StringList,
    loopCount: Finite,
    successCount: Finite,
    failedCount: Finite,
    skippedCount: Finite,
    startedAt: text,
    updatedAt: text,
    durationSeconds: echo,
    traceId: text,
    results: listOf(LoopResultView),
  },
  'StatusFleetState',
);

const RolloutPauseView = section(
  {
    active: flag,
    reasons: Echoes,
    manual: flag,
    auto: section(
      {
        enabled: orElse(t.boolean, true),
        active: flag,
        reasons: Echoes,
        lookbackExecutions: echo,
        minSampleSize: echo,
        ambiguityRateThreshold: echo,
        failureRateThreshold: echo,
        metrics: orElse(t.UnknownRecord, {}),
      },
      'StatusAutoPause',
    ),
  },
  'StatusRolloutPause',
);

const RolloutView = section(
  {
    canaryPercent: echo,
    scopeLoopIds: Echoes,
    selectorSalt: echo,
    candidateBuckets: section(
      { inScopeCount: count(), inCohortCount: count(), outOfCohortCount: count() },
      'StatusCandidateBuckets',
    ),
    pause: RolloutPauseView,
  },
  'StatusRollout',
);

export const StatusPolicyView = view(
  {
    mode: orElse(Str, 'advisory'),
    candidateCount: count(),
    unsuppressedCount: count(),
    suppressedCount: count(),
    autoEligibleCount: count(),
    manualOnlyCount: count(),
    reasonCodes: Echoes,
    candidates: listOf(echoing(section({ severity: Str }, 'StatusCandidateSeverity'))),
    traceId: text,
    updatedAt: text,
    summary: section({ byAutonomyReason: orElse(t.record(Str, Finite), {}) }, 'StatusPolicySummary'),
    autonomous: section(
      {
        controls: section({ safety: section({ killSwitch: flag }, 'StatusSafety') }, 'StatusControls'),
        governance: section(
          {
            authorityContextPresent: t.boolean,
            actor: Str,
            approvalRef: Str,
            rationale: Str,
            changedAt: Str,
            reviewBy: Str,
            reviewWindowDays: t.number,
          },
          'StatusGovernance',
        ),
        rollout: RolloutView,
      },
      'StatusPolicyAutonomous',
    ),
  },
  'StatusPolicyState',
);

export type StatusFleet = t.TypeOf<typeof StatusFleetView>;
export type StatusLoopResult = StatusFleet['results'][number];
export type StatusPolicy = Exclude<t.TypeOf<typeof StatusPolicyView>, undefined>;
export type StatusHandoff = Exclude<t.TypeOf<typeof StatusHandoffView>, undefined>;
export type ReconcileLine = Exclude<t.TypeOf<typeof ReconcileLineView>, undefined>;
export type HandoffLine = Exclude<t.TypeOf<typeof HandoffLineView>, undefined>;
export type HandoffLineRollup = t.TypeOf<typeof HandoffLineRollupView>;

/** The documents fleet status reads, decoded. */
export interface StatusDocs {
  readonly fleet: StatusFleet;
  readonly policy: StatusPolicy | undefined;
  readonly handoff: StatusHandoff | undefined;
  readonly lastReconcileTelemetry: ReconcileLine | undefined;
  readonly lastHandoffTelemetry: HandoffLine | undefined;
  readonly lastHandoffRollup: HandoffLineRollup;
}

/** Pure: the last reconcile and handoff telemetry lines as parsed (null when none), decoded. Total. */
export const statusLinesOf = (lastReconcile: unknown, lastHandoff: unknown) => ({
  lastReconcileTelemetry: decodeLenient(ReconcileLineView, lastReconcile),
  lastHandoffTelemetry: decodeLenient(HandoffLineView, lastHandoff),
  lastHandoffRollup: decodeLenient(HandoffLineRollupView, lastHandoff),
});

/** Pure: the documents as parsed (any JSON, null when absent), decoded for fleet status. Total. */
export const decodeStatusDocs = (
  raw: Readonly<
    Record<'fleet' | 'policy' | 'handoff' | 'lastReconcileTelemetry' | 'lastHandoffTelemetry', unknown>
  >,
): StatusDocs => ({
  fleet: decodeLenient(StatusFleetView, raw.fleet),
  policy: decodeLenient(StatusPolicyView, raw.policy),
  handoff: decodeLenient(StatusHandoffView, raw.handoff),
  ...statusLinesOf(raw.lastReconcileTelemetry, raw.lastHandoffTelemetry),
});
