// How one control invocation ends, as the reference control script decides it: from the command's
// exit code and the confirmation (local transport), or from the service's response (sprite_service).
// Pure; the runner executes and observes, this names the outcome, its reason code and exit code.
import type { ReplayEntryView, ServiceControlView } from './service-views.js';

export const controlIntents = ['cancel', 'approve', 'reject'] as const;
export type ControlIntent = (typeof controlIntents)[number];
export type ControlTransport = 'local' | 'sprite_service';

/** `refused`: opsfold declined before executing (lifecycle or idempotency conflict); nothing ran. */
export type ControlStatus =
  'confirmed' | 'executed_unconfirmed' | 'executed' | 'ambiguous' | 'failed_command' | 'refused';
export type ExecutionStatus = 'not_started' | 'succeeded' | 'failed_command' | 'unknown';
export type ConfirmationStatus =
  'confirmed' | 'ambiguous' | 'skipped' | 'not_attempted' | 'attempted_unknown';

export interface ControlOutcome {
  readonly status: ControlStatus;
  readonly confirmed: boolean;
  readonly exitCode: number;
  readonly confirmExitCode: number;
  readonly confirm: unknown;
  readonly command: string;
  readonly output: string;
  readonly executionStatus: ExecutionStatus;
  readonly confirmationStatus: ConfirmationStatus;
  readonly confirmationAttempted: boolean;
  readonly replayed: boolean;
  readonly reasonCode: string | null;
}

/** Pure: the control telemetry reason code of a status (refusals carry their own code). */
export const reasonCodeOf = (status: string): string | null =>
  status === 'ambiguous'
    ? 'control_ambiguous'
    : status === 'failed_command'
      ? 'control_failed_command'
      : null;

/** Pure: the reference's process exit code for a status: 0 done, 2 ambiguous, 1 anything else. */
export const exitCodeOfStatus = (status: string): number =>
  status === 'confirmed' || status === 'executed_unconfirmed' ? 0 : status === 'ambiguous' ? 2 : 1;

export interface LocalRun {
  readonly command: string;
  readonly exitCode: number;
  readonly output: string;
  /** The confirmation result; null when confirmation was skipped (or the command failed). */
  readonly confirm: {
    readonly confirmed: boolean;
    readonly result: unknown;
    /** The confirmation's exit code (the reference records its confirm script's). */
    readonly exitCode: number;
  } | null;
  readonly doConfirm: boolean;
}

const base = (command: string, output: string) => ({
  command,
  output,
  confirm: null as unknown,
  confirmExitCode: 0,
  confirmationAttempted: false,
  replayed: false,
});

/** Pure: the outcome of a local execution (superloop command, then confirmation unless skipped). */
export const localOutcome = (r: LocalRun): ControlOutcome => {
  const b = base(r.command, r.output);
  if (r.exitCode !== 0)
    return {
      ...b,
      status: 'failed_command',
      confirmed: false,
      exitCode: r.exitCode,
      executionStatus: 'failed_command',
      confirmationStatus: 'not_attempted',
      reasonCode: 'control_failed_command',
    };
  if (!r.doConfirm || r.confirm === null)
    return {
      ...b,
      status: 'executed_unconfirmed',
      confirmed: false,
      exitCode: 0,
      executionStatus: 'succeeded',
      confirmationStatus: 'skipped',
      reasonCode: null,
    };
  const ok = r.confirm.confirmed;
  return {
    ...b,
    status: ok ? 'confirmed' : 'ambiguous',
    confirmed: ok,
    exitCode: 0,
    confirm: r.confirm.result,
    confirmExitCode: r.confirm.exitCode,
    confirmationAttempted: true,
    executionStatus: 'succeeded',
    confirmationStatus: ok ? 'confirmed' : 'ambiguous',
    reasonCode: ok ? null : 'control_ambiguous',
  };
};

/** Pure: the outcome of a control request the service never answered with a 2xx. */
export const serviceFailureOutcome = (command: string, exitCode: number): ControlOutcome => ({
  ...base(command, '{}'),
  status: 'failed_command',
  confirmed: false,
  exitCode,
  executionStatus: 'failed_command',
  confirmationStatus: 'not_attempted',
  reasonCode: 'control_failed_command',
});

const statusFrom = (response: ServiceControlView): string => {
  if (response.status !== null) return response.status;
  if (response.ok) return 'confirmed';
  return response.exitCode === 2 ? 'ambiguous' : 'failed_command';
};

const executionOf = (status: string): ExecutionStatus =>
  status === 'failed_command' ? 'failed_command' : status === 'refused' ? 'not_started' : 'succeeded';

const confirmationOf = (status: string, attempted: boolean): ConfirmationStatus => {
  if (status === 'confirmed' || status === 'ambiguous') return status;
  if (status === 'executed_unconfirmed') return 'skipped';
  return attempted ? 'attempted_unknown' : 'not_attempted';
};

/** Pure: the outcome the client reads off a service control response (the reference's jq rules). */
export const serviceOutcome = (command: string, response: ServiceControlView): ControlOutcome => {
  const status = statusFrom(response);
  const attempted = response.confirm !== null;
  const refusal = response.reasonCode;
  return {
    status: status as ControlStatus,
    confirmed: response.confirmed || status === 'confirmed',
    exitCode: response.exitCode,
    confirmExitCode: response.confirmExitCode,
    confirm: response.confirm,
    command,
    output: JSON.stringify(response.doc),
    executionStatus: executionOf(status),
    confirmationStatus: confirmationOf(status, attempted),
    confirmationAttempted: attempted,
    replayed: response.replayed,
    reasonCode: status === 'refused' && refusal !== null ? refusal : reasonCodeOf(status),
  };
};

/** Pure: an intent declined before anything ran (lifecycle refusal or idempotency-key conflict). */
export const refusedOutcome = (command: string, reasonCode: string, message: string): ControlOutcome => ({
  ...base(command, message),
  status: 'refused',
  confirmed: false,
  exitCode: 1,
  executionStatus: 'not_started',
  confirmationStatus: 'not_attempted',
  reasonCode,
});

/**
 * Pure: a key whose earlier execution started but never recorded an end (its process died holding the
 * lock). Running it again could act twice, so it is not re-run: the outcome is ambiguous.
 */
export const inFlightOutcome = (command: string, message: string): ControlOutcome => ({
  ...base(command, message),
  status: 'ambiguous',
  confirmed: false,
  exitCode: 0,
  confirmExitCode: 1,
  replayed: true,
  executionStatus: 'unknown',
  confirmationStatus: 'not_attempted',
  reasonCode: 'control_ambiguous',
});

/** Pure: the outcome of an earlier run of the same idempotency key, replayed without running again. */
export const replayOutcome = (status: string, entry: ReplayEntryView): ControlOutcome => {
  const confirm = entry.confirm;
  return {
    status: status as ControlStatus,
    confirmed: entry.confirmed,
    exitCode: entry.exitCode,
    confirmExitCode: entry.confirmExitCode,
    confirm,
    command: entry.command,
    output: entry.commandOutput,
    executionStatus: executionOf(status),
    confirmationStatus: confirmationOf(status, confirm !== null),
    confirmationAttempted: confirm !== null,
    replayed: true,
    reasonCode: reasonCodeOf(status),
  };
};
