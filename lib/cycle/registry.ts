// What the cycle domain adds to the shared tables: its projections (for replay and the replay laws) and
// the codecs of every artifact it reads or writes (for contracts/). lib/projections.ts and
// lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import { DailyOpsReport, OpsCycleRunV2 } from './codecs-snapshot.js';
import {
  EmergencyStop,
  ExecutionAllowlist,
  ExecutionGate,
  OpsRunnerLock,
  WindowEvent,
  decodeWindowEvent,
} from './codecs-safety.js';
import {
  TicketReceipt,
  TicketRequest,
  TicketResult,
  decodeTicketReceipt,
  decodeTicketRequest,
  decodeTicketResult,
} from './codecs-tickets.js';
import { ticketReceiptsProjection } from './receipts.js';
import { ticketRequestsProjection, ticketResultsProjection } from './tickets.js';
import { windowsProjection } from './windows.js';

// `opsfold replay` has no zone flag: its folds read naive timestamps as UTC. `opsfold cycle` takes --tz.
const REPLAY_ZONE = 'UTC';

export const cycleProjections: Readonly<Record<string, RegisteredProjection>> = {
  [ticketRequestsProjection.name]: register(
    ticketRequestsProjection,
    decodeTicketRequest,
    'Ops cycle state/tickets/ticket_requests.jsonl: every ticket by request_id as first written, duplicates counted.',
  ),
  [ticketResultsProjection(REPLAY_ZONE).name]: register(
    ticketResultsProjection(REPLAY_ZONE),
    decodeTicketResult,
    'Ops cycle state/tickets/ticket_results.jsonl: each ticket’s latest result (greatest processed_at), results per day.',
  ),
  [ticketReceiptsProjection(REPLAY_ZONE).name]: register(
    ticketReceiptsProjection(REPLAY_ZONE),
    decodeTicketReceipt,
    'Ops cycle state/tickets/ticket_receipts.jsonl (receipts V1/V2/V3): BLOCKED count, per schema, request and day.',
  ),
  [windowsProjection.name]: register(
    windowsProjection,
    decodeWindowEvent,
    'Ops cycle real_enable_windows.jsonl: every window with its CONSUME count and revocation (activity needs asOf).',
  ),
};

export const cycleContracts: Readonly<Record<string, t.Mixed>> = {
  'cycle-ticket-request': TicketRequest,
  'cycle-ticket-result': TicketResult,
  'cycle-ticket-receipt': TicketReceipt,
  'cycle-emergency-stop': EmergencyStop,
  'cycle-execution-gate': ExecutionGate,
  'cycle-real-enable-window': WindowEvent,
  'cycle-execution-allowlist': ExecutionAllowlist,
  'cycle-ops-runner-lock': OpsRunnerLock,
  'cycle-ops-run-snapshot': OpsCycleRunV2,
  'cycle-daily-ops-report': DailyOpsReport,
};
