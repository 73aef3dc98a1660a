// A control request as both transports carry it, and the record context of one run of it, pure:
// the caller reads its clock at the start and at the end and passes both instants in.
import type { ControlIntent } from './control-outcome.js';
import type { ControlContext } from './control-records.js';

export interface ControlRequestFields {
  readonly intent: ControlIntent;
  readonly by: string;
  readonly note: string;
  readonly idempotencyKey: string;
  readonly traceId: string | null;
  readonly doConfirm: boolean;
  readonly timeoutSeconds: number;
  readonly intervalSeconds: number;
  readonly retryAttempts: number;
  readonly retryBackoffSeconds: number;
}

export interface Instant {
  readonly ms: number;
  readonly iso: string;
}

/** Pure: the record context of a run of `r` over `transport` from `started` to `completed`. */
export const controlContext = (
  loopId: string,
  r: ControlRequestFields,
  run: {
    readonly started: Instant;
    readonly completed: Instant;
    readonly transport: 'local' | 'sprite_service';
  },
): ControlContext => ({
  loopId,
  intent: r.intent,
  transport: run.transport,
  traceId: r.traceId,
  requestedBy: r.by,
  note: r.note === '' ? null : r.note,
  idempotencyKey: r.idempotencyKey,
  doConfirm: r.doConfirm,
  timeoutSeconds: r.timeoutSeconds,
  intervalSeconds: r.intervalSeconds,
  retryAttempts: r.retryAttempts,
  retryBackoffSeconds: r.retryBackoffSeconds,
  startedAt: run.started.iso,
  completedAt: run.completed.iso,
  durationSeconds: Math.max(0, Math.floor((run.completed.ms - run.started.ms) / 1000)),
});
