// Fleet reconcile, the pure half: the per-loop result record (the reference's keys), the reason code
// of a failed loop pass, and the fleet rollup (status, reason codes, counts) written to state.json and
// appended to telemetry/reconcile.jsonl.
// Law: the rollup depends only on the results and their order; the same results give the same bytes.
import type * as t from 'io-ts';
import type { FleetReconcileLine, FleetStateDoc, LoopResult } from './codecs.js';
import { uniqueSorted } from './json.js';
import type { PassDocument, PassHealth } from './reconcile-views.js';
import type { FleetLoop } from './registry-types.js';
import type { FleetReasonCode } from './vocabulary.js';

export type LoopStatus = 'success' | 'failed' | 'skipped';

export interface LoopFiles {
  readonly stateFile: string;
  readonly healthFile: string;
  readonly cursorFile: string;
  readonly reconcileTelemetryFile: string;
}

/** What the runner saw of one loop's pass. */
export interface LoopRun {
  readonly loop: FleetLoop;
  readonly traceId: string;
  readonly startedAt: string;
  readonly timestamp: string;
  readonly durationSeconds: number;
  /** Set when the loop was not run: loop_disabled, missing_service_base_url, missing_service_token_env. */
  readonly precheck: string | null;
  /** The pass's exit: true ok, false failed (ignored when `precheck` is set). */
  readonly ok: boolean;
  /** The document the pass printed (state on success, health on failure), decoded ({} for none). */
  readonly document: PassDocument;
  /** Everything the pass wrote (stderr then stdout), for the excerpt and text classification. */
  readonly output: string;
  readonly files: LoopFiles;
}

/** Pure: the loop's trace id, `<fleetTrace>-<loopId with unsafe characters as ->`. */
export const loopTraceId = (fleetTrace: string, loopId: string): string =>
  `${fleetTrace}-${loopId.replace(/[^a-zA-Z0-9._-]/g, '-')}`;

/** Pure: why a loop is not run at all (null: run it). `tokenPresent` says whether its token env is set. */
export const precheckOf = (loop: FleetLoop, tokenPresent: boolean): string | null => {
  if (!loop.enabled) return 'loop_disabled';
  if (loop.transport === 'sprite_service' && (loop.service.baseUrl ?? '') === '')
    return 'missing_service_base_url';
  if (loop.service.tokenEnv !== undefined && !tokenPresent) return 'missing_service_token_env';
  return null;
};

const CODE_ORDER = [
  'transport_unreachable',
  'invalid_transport_payload',
  'projection_failed',
  'reconcile_failed',
];

/** Pure: the reason code a failed pass's health document gives (the reference's precedence), or null. */
export const reasonFromHealth = (health: PassHealth): string | null => {
  const hit = CODE_ORDER.find((c) => health.reasonCodes.includes(c));
  if (hit !== undefined) return hit;
  const failure = health.transport.failureCode;
  if (failure === undefined || failure === '') return null;
  if (['snapshot_unavailable', 'events_unavailable', 'service_request_failed'].includes(failure))
    return 'transport_unreachable';
  return failure === 'service_response_invalid' ? 'invalid_transport_payload' : failure;
};

/** Pure: the reason code a failure message gives when there is no health document (reference wording). */
export const reasonFromText = (text: string): string => {
  const lower = text.toLowerCase();
  if (['missing required artifact', 'required artifact', 'events artifact'].some((x) => lower.includes(x)))
    return 'missing_runtime_artifacts';
  if (
    ['service request failed', 'transport_unreachable', 'connection refused'].some((s) => lower.includes(s))
  )
    return 'transport_unreachable';
  if (/invalid.*json/.test(lower) || lower.includes('invalid payload')) return 'invalid_transport_payload';
  return 'reconcile_failed';
};

const excerpt = (text: string): string | null => {
  const flat = text.replace(/\s+/g, ' ').trim().slice(0, 600);
  return flat.length > 0 ? flat : null;
};

interface Judged {
  readonly status: LoopStatus;
  readonly reasonCode: string | null;
  readonly healthStatus: string;
  readonly healthReasonCodes: string[];
  readonly transitionState: string | null;
}

const judge = (r: LoopRun): Judged => {
  if (r.precheck !== null)
    return {
      status: r.precheck === 'loop_disabled' ? 'skipped' : 'failed',
      reasonCode: r.precheck,
      healthStatus: 'unknown',
      healthReasonCodes: [],
      transitionState: null,
    };
  const health: PassHealth = r.ok ? r.document.health : r.document;
  const transition = r.document.transition.currentState ?? '';
  return {
    status: r.ok ? 'success' : 'failed',
    reasonCode: r.ok ? null : (reasonFromHealth(r.document) ?? reasonFromText(r.output)),
    healthStatus: health.status ?? 'unknown',
    healthReasonCodes: [...health.reasonCodes],
    transitionState: r.ok && transition !== '' ? transition : null,
  };
};

export type FleetLoopResult = t.TypeOf<typeof LoopResult>;
export type FleetState = t.TypeOf<typeof FleetStateDoc>;
export type FleetReconcileTelemetry = t.TypeOf<typeof FleetReconcileLine>;

/** Pure: `{ [key]: value }`, or {} for null (the reference drops null keys from a result). */
const present = <K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> =>
  value === null ? {} : ({ [key]: value } as Record<K, V>);

/** Pure: the reference's per-loop result record (null values dropped). */
export const loopResult = (r: LoopRun): FleetLoopResult => {
  const j = judge(r);
  return {
    timestamp: r.timestamp,
    startedAt: r.startedAt,
    loopId: r.loop.loopId,
    transport: r.loop.transport,
    enabled: r.loop.enabled,
    status: j.status,
    ...present('reasonCode', j.reasonCode),
    reconcileStatus: j.status,
    healthStatus: j.healthStatus,
    healthReasonCodes: j.healthReasonCodes,
    ...present('transitionState', j.transitionState),
    durationSeconds: r.durationSeconds,
    traceId: r.traceId,
    ...present('outputExcerpt', j.status === 'success' ? null : excerpt(r.precheck === null ? r.output : '')),
    sprite: r.loop.sprite,
    metadata: r.loop.metadata,
    files: r.files,
  };
};

/** What the rollup reads of a loop result. */
type Counted = Pick<FleetLoopResult, 'status' | 'healthStatus'>;

const countOf = (results: readonly Counted[], status: LoopStatus): number =>
  results.filter((r) => r.status === status).length;

/** Pure: the fleet status and reason codes of a set of loop results. */
export const rollupOf = (results: readonly Counted[]) => {
  const success = countOf(results, 'success');
  const failed = countOf(results, 'failed');
  const skipped = countOf(results, 'skipped');
  const health = (s: string) => results.some((r) => r.healthStatus === s);
  const codes: FleetReasonCode[] = [];
  if (failed > 0 && success > 0) codes.push('fleet_partial_failure');
  if (failed > 0 && success === 0) codes.push('fleet_reconcile_failed');
  if (health('critical')) codes.push('fleet_health_critical');
  else if (health('degraded')) codes.push('fleet_health_degraded');
  if (skipped > 0) codes.push('fleet_loop_skipped');
  const status =
    failed === 0 ? ('success' as const) : success > 0 ? ('partial_failure' as const) : ('failed' as const);
  return { status, reasonCodes: uniqueSorted(codes), success, failed, skipped };
};

export interface FleetRun {
  readonly fleetId: string;
  readonly traceId: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly durationSeconds: number;
  readonly execution: {
    readonly maxParallel: number;
    readonly deterministicOrder: boolean;
    readonly fromStart: boolean;
    readonly maxEvents: number;
  };
}

/** Pure: the fleet state document (`fleet/state.json`). */
export const fleetState = (run: FleetRun, results: readonly FleetLoopResult[]): FleetState => {
  const r = rollupOf(results);
  return {
    schemaVersion: 'v1' as const,
    updatedAt: run.updatedAt,
    startedAt: run.startedAt,
    fleetId: run.fleetId,
    traceId: run.traceId,
    status: r.status,
    reasonCodes: r.reasonCodes,
    loopCount: results.length,
    successCount: r.success,
    failedCount: r.failed,
    skippedCount: r.skipped,
    durationSeconds: run.durationSeconds,
    execution: run.execution,
    results: [...results],
  };
};

/** Pure: the line appended to `fleet/telemetry/reconcile.jsonl` for a fleet state. */
export const reconcileTelemetry = (s: FleetState): FleetReconcileTelemetry => ({
  timestamp: s.updatedAt,
  category: 'fleet_reconcile',
  fleetId: s.fleetId,
  traceId: s.traceId,
  status: s.status,
  reasonCodes: s.reasonCodes,
  loopCount: s.loopCount,
  successCount: s.successCount,
  failedCount: s.failedCount,
  skippedCount: s.skippedCount,
  durationSeconds: s.durationSeconds,
  results: s.results,
});
