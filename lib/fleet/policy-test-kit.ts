// Test support (imported by *.test.ts only): evaluate a fleet policy from plain inputs, the way the
// runner does, so tests state a situation as registry + results + history and check the outcome.
import * as E from 'fp-ts/lib/Either.js';
import { isoSeconds, parseIso } from '../core/time.js';
import { candidatesOf } from './candidates.js';
import type { AutonomousExecution } from './handoff-history.js';
import { evaluateCandidates, fleetPause, type CandidateMarks } from './policy-evaluate.js';
import { policyState } from './policy-state.js';
import { normalizeRegistry } from './registry-normalize.js';
import { decodePolicyFleet } from './policy-views.js';

export const AS_OF = '2026-02-23T13:00:00Z';
export const GOV = {
  actor: 'ops-user',
  approvalRef: 'CAB-123',
  rationale: 'dogfood guarded auto',
  changedAt: '2026-02-23T00:00:00Z',
  reviewBy: '2026-12-31T00:00:00Z',
};

export const result = (loopId: string, status: string, healthStatus: string) => ({
  loopId,
  status,
  healthStatus,
  traceId: `t-${loopId}`,
});

export interface Situation {
  readonly loops: readonly string[];
  readonly policy?: Record<string, unknown>;
  readonly results: readonly unknown[];
  readonly marks?: Readonly<Record<string, CandidateMarks>>;
  readonly executions?: readonly AutonomousExecution[];
  readonly asOf?: string;
}

/** Evaluates a situation into the policy state document. */
export const evaluatePolicy = (s: Situation) => {
  const asOf = s.asOf ?? AS_OF;
  const asOfMs = parseIso(asOf) ?? Number.NaN;
  const raw = {
    schemaVersion: 'v1',
    fleetId: 'f',
    loops: s.loops.map((loopId) => ({ loopId })),
    policy: s.policy ?? {},
  };
  const reg = normalizeRegistry(raw, '/r.json', { asOfMs });
  if (E.isLeft(reg)) throw new Error(`invalid registry: ${JSON.stringify(reg.left)}`);
  const { mode, autonomous: controls, suppressions, noiseControls } = reg.right.policy;
  const marks = (id: string) => s.marks?.[id] ?? { lastUnsuppressedMs: null, lastEligibleMs: null };
  const base = candidatesOf({
    results: decodePolicyFleet({ results: s.results }).results,
    suppressions,
    lastUnsuppressedMs: (id) => marks(id).lastUnsuppressedMs,
    dedupeWindowSeconds: noiseControls.dedupeWindowSeconds,
    asOfMs,
    isoOf: isoSeconds,
  });
  const executions = s.executions ?? [];
  const cs = evaluateCandidates(base, {
    mode,
    controls,
    autonomousExecutions: executions,
    marks,
    asOfMs,
    isoOf: isoSeconds,
  });
  const files = {
    fleetStateFile: 's',
    registryFile: 'r',
    policyStateFile: 'p',
    policyHistoryFile: 'h',
    handoffTelemetryFile: 'o',
    governanceAuditFile: 'g',
  };
  return policyState(
    {
      updatedAt: asOf,
      asOfMs: asOfMs,
      fleetId: 'f',
      traceId: 'trace-p',
      mode,
      fleetStatus: 'success',
      evaluatedLoopCount: s.results.length,
      dedupeWindowSeconds: noiseControls.dedupeWindowSeconds,
      controls,
      suppressions,
      pause: fleetPause({ controls, autonomousExecutions: executions }),
      files,
    },
    cs,
  );
};

/** A guarded_auto policy block with governance and the given autonomous controls. */
export const guardedPolicy = (
  autonomous: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) => ({
  mode: 'guarded_auto',
  noiseControls: { dedupeWindowSeconds: 0 },
  ...extra,
  autonomous: { governance: GOV, ...autonomous },
});

/** An autonomous execution line of handoff history. */
export const execution = (
  timestamp: string,
  attempted: number,
  ambiguous: number,
  failed: number,
): AutonomousExecution => ({
  timestamp,
  traceId: null,
  requestedIntentCount: attempted,
  attempted,
  executedCount: attempted - ambiguous - failed,
  ambiguousCount: ambiguous,
  failedCount: failed,
  line: 1,
});

export const ms = (iso: string): number => parseIso(iso) ?? Number.NaN;
