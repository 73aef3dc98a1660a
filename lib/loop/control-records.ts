// The three records one control invocation appends, with the reference control script's keys:
// `intents.jsonl` (the entry it also prints), `telemetry/control.jsonl` and
// `telemetry/control-invocations.jsonl`. Pure builders; empty optional fields are left out, as the
// reference's `with_entries(select(.value != null))` does.
import type { ControlIntent, ControlOutcome, ControlTransport } from './control-outcome.js';

export interface ControlContext {
  readonly loopId: string;
  readonly intent: ControlIntent;
  readonly transport: ControlTransport;
  readonly traceId: string | null;
  readonly requestedBy: string;
  readonly note: string | null;
  readonly idempotencyKey: string | null;
  readonly doConfirm: boolean;
  readonly timeoutSeconds: number;
  readonly intervalSeconds: number;
  readonly retryAttempts: number;
  readonly retryBackoffSeconds: number;
  readonly startedAt: string;
  readonly completedAt: string;
  readonly durationSeconds: number;
}

type Rec = Record<string, unknown>;

/** Pure: drops null/undefined and empty-string values (jq `select(.value != null)` after `length > 0`). */
export const compact = (r: Rec): Rec =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined && v !== ''));

/** Pure: the `intents.jsonl` entry (also the command's stdout). */
export const intentEntry = (c: ControlContext, o: ControlOutcome): Rec =>
  compact({
    timestamp: c.completedAt,
    loopId: c.loopId,
    intent: c.intent,
    traceId: c.traceId,
    requestedBy: c.requestedBy,
    note: c.note,
    transport: c.transport,
    status: o.status,
    command: o.command,
    idempotencyKey: c.idempotencyKey,
    exitCode: o.exitCode,
    confirmExitCode: o.confirmExitCode,
    confirmed: o.confirmed,
    commandOutput: o.output,
    confirm: o.confirm,
    reasonCode: o.status === 'refused' ? o.reasonCode : null,
  });

/** Pure: the `telemetry/control.jsonl` record. */
export const controlTelemetry = (c: ControlContext, o: ControlOutcome): Rec =>
  compact({
    timestamp: c.completedAt,
    startedAt: c.startedAt,
    loopId: c.loopId,
    intent: c.intent,
    traceId: c.traceId,
    transport: c.transport,
    status: o.status,
    reasonCode: o.reasonCode,
    idempotencyKey: c.idempotencyKey,
    requestedBy: c.requestedBy,
    exitCode: o.exitCode,
    confirmExitCode: o.confirmExitCode,
    confirmed: o.confirmed,
    durationSeconds: c.durationSeconds,
    retryAttempts: c.retryAttempts,
    retryBackoffSeconds: c.retryBackoffSeconds,
  });

/** Pure: the `telemetry/control-invocations.jsonl` audit record. */
export const invocationRecord = (c: ControlContext, o: ControlOutcome): Rec =>
  compact({
    schemaVersion: 'v1',
    timestamp: c.completedAt,
    startedAt: c.startedAt,
    loopId: c.loopId,
    intent: c.intent,
    traceId: c.traceId,
    transport: c.transport,
    requestedBy: c.requestedBy,
    note: c.note,
    idempotencyKey: c.idempotencyKey,
    request: {
      doConfirm: c.doConfirm,
      timeoutSeconds: c.timeoutSeconds,
      intervalSeconds: c.intervalSeconds,
      retryAttempts: c.retryAttempts,
      retryBackoffSeconds: c.retryBackoffSeconds,
    },
    execution: compact({
      status: o.executionStatus,
      exitCode: o.exitCode,
      command: o.command,
      output: o.output,
      replayed: o.replayed,
    }),
    confirmation: compact({
      attempted: o.confirmationAttempted,
      status: o.confirmationStatus,
      exitCode: o.confirmExitCode,
      outcome: o.confirm,
    }),
    outcome: compact({
      status: o.status,
      confirmed: o.confirmed,
      reasonCode: o.reasonCode,
      durationSeconds: c.durationSeconds,
    }),
  });
