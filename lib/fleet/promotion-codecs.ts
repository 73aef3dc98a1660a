// The shapes of the files promotion reads and writes, as io-ts codecs so contracts/ carries their JSON
// Schemas. The readers in promotion-inputs.ts are deliberately more lenient than the input codecs here
// (they follow the reference's jq defaults); these describe what a well-formed file holds.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import {
  ALL_PROMOTION_CODES,
  CI_MISSING_EVIDENCE,
  GATE_NAMES,
  REQUIRED_DRILLS,
} from './promotion-reasons.js';

const keysOf = <K extends string>(ks: readonly K[]) =>
  t.keyof(Object.fromEntries(ks.map((k) => [k, null])) as Record<K, null>);

const ReasonCode = keysOf(ALL_PROMOTION_CODES);
const GateStatus = t.keyof({ pass: null, fail: null });
const Gate = <P extends t.Props>(props: P, name: string) =>
  t.intersection([t.type({ status: GateStatus, reasons: t.readonlyArray(ReasonCode) }), t.type(props)], name);

/** .superloop/ops-manager/fleet/drills/promotion.v1.json */
export const PromotionDrillState = t.intersection(
  [
    t.type({
      drills: t.array(
        t.intersection([
          t.type({ id: t.string, status: t.string, completedAt: t.string }),
          t.partial({ evidence: t.unknown, runUrl: t.string }),
        ]),
      ),
    }),
    t.partial({ schemaVersion: t.literal('v1'), updatedAt: t.string }),
  ],
  'PromotionDrillState',
);

/** One autonomous execution row of fleet/telemetry/handoff.jsonl, as promotion reads it. */
export const PromotionHandoffExecuteLine = t.intersection(
  [
    t.type({
      category: t.literal('fleet_handoff_execute'),
      execution: t.intersection([
        t.type({ mode: t.string }),
        t.partial({
          requestedIntentCount: t.number,
          executedCount: t.number,
          ambiguousCount: t.number,
          failedCount: t.number,
        }),
      ]),
    }),
    t.partial({ timestamp: t.string, fleetId: t.string, traceId: t.string, summary: t.unknown }),
  ],
  'PromotionHandoffExecuteLine',
);

export const PromotionSourceDoc = t.type({
  repoPath: t.string,
  fleetStatusSource: t.keyof({ generated: null, file: null }),
  fleetStatusFile: nullable(t.string),
  handoffTelemetryFile: t.string,
  drillStateFile: t.string,
  promotionStateFile: t.string,
  promotionTelemetryFile: t.string,
});

const Thresholds = t.type({
  windowExecutions: t.number,
  minSampleSize: t.number,
  maxAmbiguityRate: t.number,
  maxFailureRate: t.number,
  maxManualBacklog: t.number,
  maxDrillAgeHours: t.number,
});

export const PromotionSummaryDoc = t.type({
  decision: t.keyof({ promote: null, hold: null }),
  promote: t.boolean,
  gatePassCount: t.number,
  gateFailCount: t.number,
  failedGates: t.readonlyArray(keysOf(GATE_NAMES)),
  reasonCodes: t.readonlyArray(ReasonCode),
});

export const PromotionGatesDoc = t.type({
  governance: Gate(
    { posture: nullable(t.string), blocksAutonomous: t.boolean, reasonCodes: t.readonlyArray(t.string) },
    'GovernanceGate',
  ),
  outcomeReliability: t.intersection([
    Gate(
      {
        sampleRuns: t.number,
        attempted: t.number,
        executed: t.number,
        ambiguous: t.number,
        failed: t.number,
        ambiguityRate: t.number,
        failureRate: t.number,
      },
      'OutcomeReliabilityGate',
    ),
    t.partial({ invalidRow: t.type({ line: t.number, byteOffset: t.number, reason: t.string }) }),
  ]),
  manualBacklog: Gate({ manualBacklog: nullable(t.number) }, 'ManualBacklogGate'),
  safetySuppression: Gate(
    {
      autopauseActive: t.boolean,
      missingPaths: t.readonlyArray(t.string),
      byPath: nullable(t.UnknownRecord),
      autopauseStreak: nullable(t.type({ evaluations: t.number, since: nullable(t.string) })),
    },
    'SafetySuppressionGate',
  ),
  drillRecency: t.intersection([
    Gate(
      { requiredDrills: t.readonlyArray(keysOf(REQUIRED_DRILLS)), drills: t.readonlyArray(t.unknown) },
      'DrillRecencyGate',
    ),
    t.partial({ invalidReason: t.string }),
  ]),
});

/** .superloop/ops-manager/fleet/promotion-state.json (and each fleet/telemetry/promotion.jsonl line) */
export const PromotionState = t.type(
  {
    schemaVersion: t.literal('v1'),
    generatedAt: t.string,
    traceId: t.string,
    source: PromotionSourceDoc,
    thresholds: Thresholds,
    summary: PromotionSummaryDoc,
    gates: PromotionGatesDoc,
  },
  'PromotionState',
);

/** The result file of a CI run skipped for missing evidence. */
export const PromotionCiSkipped = t.type(
  {
    schemaVersion: t.literal('v1'),
    generatedAt: t.string,
    source: t.type({ repoPath: t.string }),
    summary: t.type({
      decision: t.literal('skipped'),
      promote: t.literal(false),
      reasonCodes: t.array(t.literal(CI_MISSING_EVIDENCE)),
      missingEvidencePaths: t.array(t.string),
    }),
  },
  'PromotionCiSkipped',
);

/** .superloop/ops-manager/fleet/promotion-ci-result.json */
export const PromotionCiResult = t.union([PromotionState, PromotionCiSkipped], 'PromotionCiResult');
