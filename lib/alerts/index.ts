// The `opsfold/alerts` entry: alert delivery: the sink catalog and routes, the delivery ledger, dispatch
// outcomes and telemetry.
// Listed by name (no `export *`): projections, decisions, codecs and their types; helpers stay internal.

/** Projections: pure reducers over the records. */
export { deliveryLedgerProjection, foldLedger } from './ledger.js';
export { alertsProjections } from './registry.js';

/** Decisions: pure functions of projected state and an explicit asOf. */
export { validateConfig } from './config.js';
export { runStatus } from './dispatch-state.js';
export { classifyRow } from './escalation.js';
export { routeIn, routeFromResolver } from './route.js';
export { rowStep, routedStep, sentStep, finishRow } from './row-step.js';
export { planDeliveries, messagesOf } from './delivery.js';
export { sinkConfigAnswer, sinkConfigFlagProblem } from './sink-config.js';
export { deliveryEffects, sinkEntries, finishEffects } from './row-record.js';
export { buildRequest, sinkOf } from './sink-request.js';
export { summaryStatus } from './outcome.js';
export { envRefsOf, envStatusOf, resolvedSink, resolveRoute, catalogSummary } from './resolve.js';
export { classifyOutcome } from './sink-result.js';
export { escalationTraceOf, routeFailedLine } from './telemetry.js';

/** Steps over ports: the edge (lib/io `nodeEdge()`, or a test's) and the effects they need come in as parameters. */
export { runDispatch, dispatchAlerts } from './dispatch.js';
export { DispatchError } from './dispatch-error.js';
export { deliverEscalation } from './escalation-sink.js';
export { sendToSink, alertVia } from './send.js';
export { loadConfig, configPathOf } from './load-config.js';
export { routerOf } from './router.js';

/** Codecs (io-ts) of the artifacts, and the contract registries. */
export {
  AlertSinkConfigFile,
  AlertDispatchState,
  AlertTelemetryLine,
  AlertLedgerLine,
  AlertEscalationRow,
} from './codecs.js';
export { SavedDispatchCursor } from './dispatch-cursor.js';
export { alertsContracts } from './registry.js';

/** Reason codes and other closed vocabularies. */
export { SINK_TYPES, CONFIG_ERRORS } from './config.js';
export { ALERT_DISPATCH_REASON_CODES } from './reason-codes.js';
export { SEVERITIES, SEVERITY_CHOICES } from './severity.js';

/** Types of the inputs, states and outputs above. */
export type { AlertSinkConfig, ConfigProblem } from './config.js';
export type { DispatchOptions, DispatchResult, AlertDispatchPass } from './dispatch-options.js';
export type { EscalationSinkTarget, EscalationSinkPorts, EscalationDelivery } from './escalation-sink.js';
export type { SendPorts, Sent, AlertPayload, AlertMessage } from './send.js';
export type { AlertOrigin, PlannedSink } from './delivery.js';
export type { SinkConfigQuery, SinkConfigAnswer } from './sink-config.js';
export type { RecordFiles, AlertOutcome, Stamp } from './row-record.js';
export type { Router, RouterPorts } from './router.js';
export type { Env, Transport, Sleep, ReadDoc, RunCommand } from './ports.js';
export type { DispatchStateInput, DispatchStateDoc } from './dispatch-state.js';
export type { AlertDispatchStateDoc } from './codecs.js';
export type { SavedCursor } from './dispatch-cursor.js';
export type { Routed, Catalog } from './route.js';
export type { RowLine, RowReport, RowRun, RowStep, Finish } from './row-step.js';
export type { DispatchSink, MalformedSink, HttpRequest, BuiltRequest, EnvLookup } from './sink-request.js';
export type { EscalationRow } from './escalation.js';
export type {
  DeliveredEvent,
  RowEvent,
  CursorEvent,
  LedgerEvent,
  LedgerRow,
  DeliveryLedgerState,
} from './ledger.js';
export type { RowKind } from './outcome.js';
export type { AlertReasonCode, SinkReasonCode } from './reason-codes.js';
export type { RouteQuery } from './resolve.js';
export type { Severity } from './severity.js';
export type { SinkResult, HttpOutcome } from './sink-result.js';
export type { SinkEntry, RowOutcome } from './telemetry.js';
