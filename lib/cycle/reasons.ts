// The closed vocabularies of one ops cycle (seed 000, contract OPS_CYCLE_RUN_V2). Every value a snapshot
// carries in `overall_status`, `ticket_step.decision`, `ticket_step.reason`, `warnings[].code` and
// `error.code` comes from these lists; free text (exception messages, worker output) goes to the
// separate `*_detail` / `message` fields, never into a code.

export const OVERALL_STATUSES = ['DONE', 'DONE_WITH_SKIPS', 'FAILED', 'STOPPED'] as const;
export type OverallStatus = (typeof OVERALL_STATUSES)[number];

export const DECISIONS = ['PROCESSED', 'SKIPPED', 'NONE'] as const;
export type TicketDecision = (typeof DECISIONS)[number];

export const TICKET_REASONS = [
  'NO_OPEN_TICKETS',
  'EMERGENCY_STOP_ACTIVE',
  'LOCK_CONFLICT_409',
  'GATE_BLOCKED',
  'ALLOWLIST_VIOLATION',
  'PREFLIGHT_FAIL',
  'WINDOW_NOT_ACTIVE',
  'TICKET_PROCESSED_OK',
  'TICKET_PROCESS_FAILED',
] as const;
export type TicketReason = (typeof TICKET_REASONS)[number];

/** The reasons a safety gate (step 5, before the worker) can give. */
export type GateReason = Extract<
  TicketReason,
  'GATE_BLOCKED' | 'ALLOWLIST_VIOLATION' | 'WINDOW_NOT_ACTIVE' | 'PREFLIGHT_FAIL'
>;

/** The execution gate modes of the seed; the origin's gate file spells REAL as REAL_ENABLED. */
export const GATE_MODES = ['DRY_RUN', 'MOCK_ONLY', 'REAL'] as const;
export type GateMode = (typeof GATE_MODES)[number];

/**
 * Things the snapshot says about its inputs without changing the outcome's code:
 * - EMERGENCY_STOP_MISSING / _UNREADABLE / _INVALID: the stop file is absent, not JSON, or not an object
 *   with a boolean `enabled`; read as the origin reads it (absent or unreadable → not enabled).
 * - EXECUTION_GATE_MISSING: no gate file; MOCK_ONLY (the origin's fail-safe default).
 * - EXECUTION_GATE_INVALID: the gate file is not JSON or names no known mode; every ticket is GATE_BLOCKED.
 * - ALLOWLIST_MISSING / ALLOWLIST_INVALID: no readable allowlist; version "N/A", REAL execution refused.
 * - WINDOW_LOG_CORRUPT: a window line could not be read; no window counts as active (fail-safe).
 * - LOG_CORRUPT: a ticket log line could not be read (the cycle fails when it gets past the lock).
 * - LOG_UNREADABLE: a ticket log could not be opened at all (likewise).
 * - LOCK_STALE_REPLACED: the previous holder's lock was older than 60 s at asOf and was taken over.
 * - LOCK_LOST: at release the lock file no longer named this run; it was left alone.
 * - PREVIOUS_CYCLE_INTERRUPTED: a stale lock's run wrote no snapshot (a crash); see `interrupted_cycle`.
 * - RECEIPT_WITHOUT_RESULT: an OPEN ticket already has a receipt; it is not selected (never repeated).
 */
export const WARNING_CODES = [
  'EMERGENCY_STOP_MISSING',
  'EMERGENCY_STOP_UNREADABLE',
  'EMERGENCY_STOP_INVALID',
  'EXECUTION_GATE_MISSING',
  'EXECUTION_GATE_INVALID',
  'ALLOWLIST_MISSING',
  'ALLOWLIST_INVALID',
  'WINDOW_LOG_CORRUPT',
  'LOG_CORRUPT',
  'LOG_UNREADABLE',
  'LOCK_STALE_REPLACED',
  'LOCK_LOST',
  'PREVIOUS_CYCLE_INTERRUPTED',
  'RECEIPT_WITHOUT_RESULT',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Why a cycle ended FAILED (overall_status), with the exception text in `error.message`. */
export const ERROR_CODES = [
  'REPORT_WRITE_FAILED',
  'LOG_CORRUPT',
  'LOG_UNREADABLE',
  'RECORD_WRITE_FAILED',
  'UNEXPECTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Warning {
  readonly code: WarningCode;
  readonly detail: string;
}

export interface CycleError {
  readonly code: ErrorCode;
  readonly message: string;
}
