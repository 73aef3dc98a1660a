// The selected ticket's step (step 5) as data: the step a gate verdict or a worker run reports, and what
// the worker is started with. Pure: the runner starts the worker and hands in what came back.
import type { TicketStep } from './codecs-snapshot.js';
import type { TicketRequest } from './codecs-tickets.js';
import type { GateVerdict } from './gates.js';
import type { GateMode } from './reasons.js';
import { receiptRef } from './receipts.js';
import { takenStep } from './snapshot.js';

/** How the worker is started: a shell command line in the root, the ticket's JSON on stdin. */
export interface WorkerSpec {
  readonly cmd: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: string;
  readonly timeoutMs: number;
  readonly graceMs?: number;
}

/** How the worker ended. */
export interface WorkerOutcome {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  /** Set when the command could not be started at all. */
  readonly spawnError: string | null;
  readonly outputTail: string;
}

/** Pure: the step of a ticket a gate stopped (blocked_by lists every gate that said no). */
export const blockedStep = (ticket: TicketRequest, verdict: GateVerdict): TicketStep => ({
  ...takenStep(ticket.request_id, ticket.request_type),
  reason: verdict.blockedBy[0] ?? 'GATE_BLOCKED',
  blocked_by: [...verdict.blockedBy],
  reason_detail: verdict.detail,
});

/** Pure: the step of a REAL ticket the gates let through when no worker command was given. */
export const notRunStep = (ticket: TicketRequest): TicketStep => ({
  ...takenStep(ticket.request_id, ticket.request_type),
  reason_detail:
    'REAL execution needs --worker-cmd (the built-in worker only simulates MOCK_ONLY and DRY_RUN); the ticket stays OPEN',
});

/** Pure: why a worker run failed, or null (exit 0 and the ticket's latest result DONE). */
export const workerFailure = (w: WorkerOutcome, status: string, timeoutMs: number): string | null => {
  if (w.spawnError !== null) return `worker could not start: ${w.spawnError}`;
  if (w.timedOut) return `worker timed out after ${timeoutMs / 1000} s and was stopped`;
  if (w.exitCode !== 0)
    return w.signal === null ? `worker exited with code ${w.exitCode}` : `worker ended by ${w.signal}`;
  return status === 'DONE' ? null : `worker exited 0 but the ticket's latest result is ${status}`;
};

export interface WorkerRun {
  readonly ticket: TicketRequest;
  readonly mode: GateMode;
  readonly outcome: WorkerOutcome;
  readonly failure: string | null;
  /** The line of the receipt the worker appended for the ticket, if any. */
  readonly receiptLine: number | null;
}

/** Pure: the step of a ticket the worker ran. */
export const workerStep = (r: WorkerRun): TicketStep => ({
  ...takenStep(r.ticket.request_id, r.ticket.request_type),
  decision: r.failure === null ? 'PROCESSED' : 'SKIPPED',
  reason: r.failure === null ? 'TICKET_PROCESSED_OK' : 'TICKET_PROCESS_FAILED',
  receipt_ref: r.receiptLine === null ? null : receiptRef(r.receiptLine),
  reason_detail: r.failure,
  execution_mode: r.mode,
  worker: { exit_code: r.outcome.exitCode, signal: r.outcome.signal, timed_out: r.outcome.timedOut },
});

export interface WorkerFacts {
  readonly mode: GateMode;
  readonly runId: string;
  readonly at: string;
  readonly root: string;
  readonly windowId: string | null;
  readonly pid: number;
}

/** Pure: the worker's environment, the inherited one plus the OPSFOLD_* variables. */
export const workerEnv = (
  env: Readonly<Record<string, string | undefined>>,
  ticket: TicketRequest,
  f: WorkerFacts,
): Record<string, string | undefined> => ({
  ...env,
  OPSFOLD_EXECUTION_MODE: f.mode,
  OPSFOLD_RUN_ID: f.runId,
  OPSFOLD_ASOF: f.at,
  OPSFOLD_ROOT: f.root,
  OPSFOLD_REQUEST_ID: ticket.request_id,
  OPSFOLD_WINDOW_ID: f.windowId ?? '',
  OPSFOLD_CYCLE_PID: String(f.pid),
});
