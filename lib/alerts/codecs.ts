// The shapes of every file alert dispatch reads or writes, as io-ts codecs so contracts/ carries their
// JSON Schemas. Validation of the sink catalog itself is config.ts (the reference's staged checks);
// these codecs describe the same documents for readers outside TypeScript.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { ALERT_DISPATCH_REASON_CODES } from './reason-codes.js';

const keysOf = <K extends string>(ks: readonly K[]) =>
  t.keyof(Object.fromEntries(ks.map((k) => [k, null])) as Record<K, null>);

const Severity = t.keyof({ info: null, warning: null, critical: null });
const ReasonCode = keysOf(ALERT_DISPATCH_REASON_CODES);

const SinkCommon = t.intersection([t.type({ enabled: t.boolean }), t.partial({ timeoutSeconds: t.number })]);
const WebhookSink = t.intersection([
  SinkCommon,
  t.type({ type: t.literal('webhook'), urlEnv: t.string }),
  t.partial({ authTokenEnv: t.string, headers: t.record(t.string, t.string) }),
]);
const SlackSink = t.intersection([
  SinkCommon,
  t.type({ type: t.literal('slack'), webhookUrlEnv: t.string }),
  t.partial({ channel: t.string, username: t.string, iconEmoji: t.string }),
]);
const PagerDutySink = t.intersection([
  SinkCommon,
  t.type({ type: t.literal('pagerduty_events'), routingKeyEnv: t.string }),
  t.partial({ source: t.string, component: t.string, group: t.string, class: t.string, eventsUrl: t.string }),
]);
const Route = t.intersection([
  t.type({ category: t.string }),
  t.partial({ enabled: t.boolean, minSeverity: Severity, sinks: t.array(t.string) }),
]);

/** config/ops-manager-alert-sinks.v1.json */
export const AlertSinkConfigFile = t.type(
  {
    schemaVersion: t.literal('v1'),
    defaultMinSeverity: Severity,
    sinks: t.record(t.string, t.union([WebhookSink, SlackSink, PagerDutySink])),
    routing: t.type({
      defaultSinks: t.array(t.string),
      categorySeverity: t.record(t.string, Severity),
      routes: t.array(Route),
    }),
  },
  'AlertSinkConfigFile',
);

/** The escalations file's fingerprint at the saved cursor (lib/core/position SourceFingerprint). */
export const Fingerprint = t.type({
  size: t.number,
  inode: t.number,
  headSha256: t.string,
  lastLineByteOffset: nullable(t.number),
  lastLineSha256: nullable(t.string),
});

// The reference's keys, then opsfold's: a state file the reference wrote has only the former.
const DispatchStateRef = t.type({
  schemaVersion: t.literal('v1'),
  updatedAt: t.string,
  loopId: t.string,
  traceId: nullable(t.string),
  escalationsFile: t.string,
  dispatchTelemetryFile: t.string,
  status: t.keyof({
    success: null,
    partial: null,
    failed: null,
    no_new_escalations: null,
    no_source: null,
  }),
  processedCount: t.number,
  dispatchedCount: t.number,
  skippedCount: t.number,
  failedCount: t.number,
  failureReasonCodes: t.array(ReasonCode),
  escalationsLineOffset: t.number,
  escalationsLineCount: t.number,
});
const DispatchStateOwn = t.type({
  escalationsByteOffset: nullable(t.number),
  escalationsFingerprint: nullable(Fingerprint),
  deliveryLedgerFile: t.string,
  retry: t.type({
    rows: t.number,
    dispatched: t.number,
    failed: t.number,
    pending: t.number,
    abandoned: t.number,
    failureCodes: t.array(ReasonCode),
  }),
  recoveredCount: t.number,
});

/** .superloop/ops-manager/<loop>/alert-dispatch-state.json */
export const AlertDispatchState = t.intersection(
  [DispatchStateRef, t.partial(DispatchStateOwn.props)],
  'AlertDispatchState',
);

/** alert-dispatch-state.json as opsfold writes and prints it: every key present. */
export type AlertDispatchStateDoc = t.TypeOf<typeof DispatchStateRef> & t.TypeOf<typeof DispatchStateOwn>;

const SinkEntry = t.intersection([
  t.type({
    id: t.string,
    type: t.string,
    status: t.keyof({ success: null, failed: null }),
    httpStatus: nullable(t.number),
    reasonCode: nullable(ReasonCode),
    message: nullable(t.string),
  }),
  t.partial({ dedupeKey: t.string, attempts: t.number, deduplicated: t.literal(true) }),
]);

/** .superloop/ops-manager/<loop>/telemetry/alerts.jsonl, one line */
export const AlertTelemetryLine = t.intersection(
  [
    t.type({
      timestamp: t.string,
      loopId: t.string,
      category: t.literal('alert_dispatch'),
      status: t.string,
    }),
    t.partial({
      traceId: nullable(t.string),
      escalationTraceId: t.string,
      escalationCategory: t.string,
      escalationTimestamp: t.string,
      eventSeverity: Severity,
      reasonCode: ReasonCode,
      message: t.string,
      rawLine: t.string,
      escalation: t.unknown,
      route: t.unknown,
      sinks: t.array(SinkEntry),
      sinkCount: t.number,
      dispatchedSinkCount: t.number,
      failedSinkCount: t.number,
      escalationLine: t.number,
      deliveryRun: t.number,
      retryPending: t.boolean,
    }),
  ],
  'AlertTelemetryLine',
);

/** <state-dir>/loop/<loop>/alert-deliveries.jsonl, one line */
export const AlertLedgerLine = t.union(
  [
    t.type({
      type: t.literal('delivered'),
      key: t.string,
      line: t.number,
      rowSha256: t.string,
      sinkId: t.string,
      sinkType: t.string,
      httpStatus: nullable(t.number),
      attempts: t.number,
      at: t.string,
      traceId: t.string,
    }),
    t.type({
      type: t.literal('row'),
      line: t.number,
      byteOffset: t.number,
      rowSha256: t.string,
      kind: t.keyof({ skipped: null, dispatched: null, partial: null, failed: null }),
      failureCodes: t.array(ReasonCode),
      pending: t.boolean,
      abandoned: t.boolean,
      deliveryRun: t.number,
      at: t.string,
      traceId: t.string,
    }),
    t.type({ type: t.literal('cursor'), lines: t.number, byteOffset: t.number, at: t.string }),
  ],
  'AlertLedgerLine',
);

/** .superloop/ops-manager/<loop>/escalations.jsonl, one line, as dispatch reads it */
export const AlertEscalationRow = t.intersection(
  [
    t.type({ category: t.string }),
    t.partial({ timestamp: t.string, loopId: t.string, severity: Severity, traceId: t.string }),
  ],
  'AlertEscalationRow',
);
