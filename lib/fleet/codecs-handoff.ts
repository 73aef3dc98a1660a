// The contracts of the handoff and status artifacts (see codecs.ts for the conventions): the handoff
// state and telemetry promotion reads for outcome reliability, and the status document whose
// autonomous rollups and suppression paths promotion gates on.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { open } from './codecs.js';

const Str = t.string;
const Num = t.number;
const Strs = t.array(t.string);

const DispatchResult = open(
  {
    intentId: Str,
    loopId: Str,
    status: Str,
    reasonCode: Str,
    traceId: Str,
    idempotencyKey: Str,
    controlExitCode: Num,
  },
  'HandoffDispatchResult',
);

const Execution = open(
  {
    mode: t.keyof({ manual: null, autonomous: null }),
    requestedIntentCount: Num,
    executedIntentCount: Num,
    executedCount: Num,
    ambiguousCount: Num,
    failedCount: Num,
    results: t.array(DispatchResult),
  },
  'HandoffExecution',
);

/** The counts of a handoff plan's intents (and of the candidates they came from). */
export const HandoffSummaryDoc = t.type(
  {
    candidateCount: Num,
    unsuppressedCandidateCount: Num,
    intentCount: Num,
    autoEligibleIntentCount: Num,
    manualOnlyIntentCount: Num,
    pendingConfirmationCount: Num,
    pendingManualOnlyCount: Num,
    executedCount: Num,
    ambiguousCount: Num,
    failedCount: Num,
  },
  'HandoffSummary',
);

/** One line of `fleet/telemetry/handoff.jsonl` (a plan, or an execution with its outcomes). */
export const HandoffTelemetryLine = t.intersection(
  [
    t.type({ timestamp: Str, category: t.keyof({ fleet_handoff_plan: null, fleet_handoff_execute: null }) }),
    t.partial({ fleetId: Str, traceId: Str, mode: Str, execution: Execution, summary: t.UnknownRecord }),
  ],
  'FleetHandoffLine',
);

const Rollup = t.type(
  { attempted: Num, executed: Num, ambiguous: Num, failed: Num, manual_backlog: Num },
  'OutcomeRollup',
);
const PathBucket = open(
  { blockedCount: Num, byReason: t.record(Str, Num), reasonCodes: Strs },
  'SuppressionPath',
);

/** What `opsfold fleet status` prints (the parts promotion and dashboards read are typed). */
export const FleetStatusDoc = t.intersection(
  [
    t.UnknownRecord,
    t.type({
      schemaVersion: t.literal('v1'),
      generatedAt: Str,
      fleet: open({ status: Str, reasonCodes: Strs, partialFailure: t.boolean }, 'StatusFleet'),
      exceptions: t.type({
        reconcileFailures: Strs,
        criticalLoops: Strs,
        degradedLoops: Strs,
        skippedLoops: Strs,
      }),
      loops: t.array(t.UnknownRecord),
    }),
    t.partial({
      // null until a policy or handoff state exists (no autonomous posture to report yet).
      autonomous: nullable(
        open(
          {
            mode: Str,
            outcomeRollup: Rollup,
            governance: open(
              { posture: Str, reasonCodes: Strs, blocksAutonomous: t.boolean },
              'StatusGovernance',
            ),
            safetyGateDecisions: open(
              {
                byPath: t.type({
                  policyGated: PathBucket,
                  rolloutGated: PathBucket,
                  governanceGated: PathBucket,
                  transportGated: PathBucket,
                }),
                suppressionReasonCodes: Strs,
              },
              'SafetyGateDecisions',
            ),
            rollout: t.UnknownRecord,
          },
          'StatusAutonomous',
        ),
      ),
    }),
  ],
  'FleetStatus',
);
