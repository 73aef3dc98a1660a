// The lines alert dispatch appends to telemetry/alerts.jsonl, key for key as the reference writes them
// (including where it keeps a null and where it drops nulls). opsfold adds `escalationLine` (the row's
// 1-based line in escalations.jsonl) and, where a row can be retried, `deliveryRun` and `retryPending`;
// each sink entry adds its `dedupeKey`, `attempts` and, when an earlier run's delivery was reused,
// `deduplicated: true`.
import type { JsonValue } from '../core/json-schema.js';
import type { Escalation } from './escalation.js';
import { dropNulls, nonEmpty, type JsonObject } from './json.js';
import type { SinkResult } from './sink-result.js';
import type { AlertReasonCode } from './reason-codes.js';

/** The dispatch run a line belongs to. */
export interface LineContext {
  readonly timestamp: string;
  readonly loopId: string;
  readonly traceId: string;
  readonly escalationLine: number;
}

/** One sink's account within a dispatch line. */
export interface SinkEntry extends SinkResult {
  readonly id: string;
  readonly type: string;
  readonly dedupeKey: string;
  readonly attempts: number;
  readonly deduplicated?: true;
}

export interface RetryMark {
  readonly deliveryRun: number;
  readonly retryPending: boolean;
}

const head = (c: LineContext) => ({
  timestamp: c.timestamp,
  loopId: c.loopId,
  traceId: nonEmpty(c.traceId),
});

/** The escalation's trace id, or the run's. */
export const escalationTraceOf = (c: LineContext, e: Escalation): string => e.traceId ?? c.traceId;

/** Pure: an unparsable row (kept verbatim as `rawLine`). */
export const invalidJsonLine = (c: LineContext, raw: string) => ({
  ...head(c),
  category: 'alert_dispatch',
  status: 'failed',
  reasonCode: 'invalid_escalation_json' as const,
  rawLine: raw,
  escalationLine: c.escalationLine,
});

/** Pure: a row without a category. */
export const missingCategoryLine = (c: LineContext, value: JsonValue) => ({
  ...head(c),
  category: 'alert_dispatch',
  status: 'failed',
  reasonCode: 'missing_escalation_category' as const,
  escalation: value,
  escalationLine: c.escalationLine,
});

const about = (c: LineContext, e: Escalation) => ({
  ...head(c),
  escalationTraceId: nonEmpty(escalationTraceOf(c, e)),
  category: 'alert_dispatch',
  escalationCategory: e.category,
});

/** Pure: the catalog could not be resolved for this row (message: the resolver's error output). */
export const routeFailedLine = (c: LineContext, e: Escalation, message: string, retry: RetryMark) =>
  dropNulls({
    ...about(c, e),
    escalationTimestamp: nonEmpty(e.timestamp),
    status: 'failed',
    reasonCode: 'route_resolution_failed',
    message: nonEmpty(message),
    escalation: e.value,
    escalationLine: c.escalationLine,
    ...retry,
  });

/** Pure: the resolver answered with something that is not a resolution (kept as `message`). */
export const invalidRouteLine = (c: LineContext, e: Escalation, rawOutput: string, retry: RetryMark) => ({
  ...about(c, e),
  status: 'failed',
  reasonCode: 'invalid_route_resolution' as const,
  message: rawOutput,
  escalation: e.value,
  escalationLine: c.escalationLine,
  ...retry,
});

/** Pure: the row was routed but nothing is sent (below the minimum severity, or no enabled sink). */
export const skippedLine = (
  c: LineContext,
  e: Escalation,
  resolved: { readonly severity: string; readonly route: JsonObject },
  reasonCode: Extract<AlertReasonCode, 'severity_below_min' | 'no_dispatchable_sinks'>,
) =>
  dropNulls({
    ...about(c, e),
    escalationTimestamp: nonEmpty(e.timestamp),
    eventSeverity: resolved.severity,
    status: 'skipped',
    reasonCode,
    escalation: e.value,
    route: resolved.route,
    sinkCount: 0,
    dispatchedSinkCount: 0,
    failedSinkCount: 0,
    escalationLine: c.escalationLine,
  });

export interface RowOutcome {
  readonly status: 'dispatched' | 'partial' | 'failed';
  readonly reasonCode: 'partial_dispatch_failure' | 'dispatch_failed' | null;
  readonly dispatched: number;
  readonly failed: number;
}

/** Pure: the row was sent to its sinks; one entry per dispatchable sink. */
export const dispatchLine = (
  c: LineContext,
  e: Escalation,
  sent: {
    readonly severity: string;
    readonly route: JsonObject;
    readonly sinks: readonly SinkEntry[];
    readonly outcome: RowOutcome;
  },
  retry: RetryMark,
) =>
  dropNulls({
    ...about(c, e),
    loopId: e.loopId ?? c.loopId,
    escalationTimestamp: nonEmpty(e.timestamp),
    eventSeverity: sent.severity,
    status: sent.outcome.status,
    reasonCode: sent.outcome.reasonCode,
    escalation: e.value,
    route: sent.route,
    sinks: sent.sinks,
    sinkCount: sent.sinks.length,
    dispatchedSinkCount: sent.outcome.dispatched,
    failedSinkCount: sent.outcome.failed,
    escalationLine: c.escalationLine,
    ...retry,
  });

/** Pure: the line reconcile appends when the dispatch pass itself failed (reference: reconcile). */
export const dispatchCommandFailedLine = (
  c: Omit<LineContext, 'traceId' | 'escalationLine'>,
  message: string,
) =>
  dropNulls({
    timestamp: c.timestamp,
    loopId: c.loopId,
    category: 'alert_dispatch',
    status: 'failed_command',
    reasonCode: 'alert_dispatch_failed',
    message: nonEmpty(message),
  });
