// The end of every control invocation, over its record ports: the intent entry, control telemetry and
// invocation audit appended (a refusal ran nothing, so it goes to the audit trail only: intents.jsonl
// feeds health and control.jsonl the tuning summary, and a refused no-op must not mask an earlier
// ambiguous intent), and the run's answer.
import { controlContext, type ControlRequestFields, type Instant } from './control-context.js';
import { exitCodeOfStatus, type ControlOutcome, type ControlStatus } from './control-outcome.js';
import type { ControlRecordPorts } from './control-ports.js';
import { controlTelemetry, intentEntry, invocationRecord } from './control-records.js';

export interface ControlRun {
  readonly entry: Readonly<Record<string, unknown>>;
  readonly status: ControlStatus;
  /** The process exit code: 0 confirmed/executed_unconfirmed, 2 ambiguous, 1 otherwise. */
  readonly exitCode: number;
  /** The `error:` line for stderr (refusals, in-flight keys), or null. */
  readonly errorLine: string | null;
  readonly replayed: boolean;
}

/** The loop a control run acts on. */
export interface ControlTarget {
  readonly repo: string;
  readonly loopId: string;
}

/** Appends the invocation's records, timed from `started` to now, and returns the run's answer. */
export const finishControl = async (
  ports: ControlRecordPorts,
  run: {
    readonly loopId: string;
    readonly request: ControlRequestFields;
    readonly started: Instant;
    readonly transport: 'local' | 'sprite_service';
  },
  o: { readonly outcome: ControlOutcome; readonly errorLine: string | null },
): Promise<ControlRun> => {
  const completed = { iso: ports.clock.iso(), ms: ports.clock.ms() };
  const ctx = controlContext(run.loopId, run.request, { ...run, completed });
  const { outcome } = o;
  const entry = { ...intentEntry(ctx, outcome), ...(outcome.replayed ? { replayed: true } : {}) };
  if (outcome.status !== 'refused') {
    await ports.append(ports.files.intents, [entry]);
    await ports.append(ports.files.control, [controlTelemetry(ctx, outcome)]);
  }
  await ports.append(ports.files.invocations, [invocationRecord(ctx, outcome)]);
  const { status, replayed } = outcome;
  return { entry, status, exitCode: exitCodeOfStatus(status), errorLine: o.errorLine, replayed };
};
