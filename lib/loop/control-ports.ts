// The effects a control intent needs, as parameters ("ports"): the loop's runner builds them over its
// files (locked appender, loop lock, idempotency ledger, snapshot gatherer, superloop executor or the
// service client); the orchestration (control-local.ts, control-service.ts, control-confirm.ts) stays
// free of I/O.
import type { ControlIntent } from './control-outcome.js';
import type { AdmissionDocs } from './intent-admission.js';
import type { IntentCommand } from './intent-command.js';
import type { LedgerRecord, LedgerState } from './idempotency.js';
import type { LoopLock } from './reconcile-ports.js';

export interface ControlClock {
  /** Epoch milliseconds now. */
  ms(): number;
  /** Now, in the reference's second-precision ISO form. */
  iso(): string;
}

export type ControlSleep = (ms: number) => Promise<void>;

export interface ExecResult {
  readonly exitCode: number;
  /** The last 40 lines of stdout and stderr together, `\r` stripped (what the reference keeps). */
  readonly output: string;
}

/** What carries out an intent on the loop's files. */
export interface IntentExecutor {
  /** The program shown in the intent entry's `command`. */
  readonly program: string;
  /**
   * An installed superloop CLI: it decides whether the intent fits the lifecycle and answers with its
   * exit code, so opsfold does not pre-empt it (intent-admission.ts admitForCli).
   */
  readonly isSuperloopCli: boolean;
  run(cmd: IntentCommand, asOf: string): Promise<ExecResult>;
}

/** Where an invocation is recorded, and the locked appender that records it. */
export interface ControlRecordPorts {
  readonly files: { readonly intents: string; readonly control: string; readonly invocations: string };
  readonly append: (file: string, records: readonly unknown[]) => Promise<void>;
  readonly clock: ControlClock;
}

export interface ConfirmPorts {
  readonly clock: ControlClock;
  readonly sleep: ControlSleep;
  /** One `loop_run_snapshot` of the loop, or null when it cannot be taken. */
  readonly snapshot: (asOf: string) => Promise<unknown>;
}

/** What an operator's confirm script is asked (the reference confirm-intent arguments). */
export interface ConfirmRequest {
  readonly repo: string;
  readonly loopId: string;
  readonly intent: ControlIntent;
  readonly timeoutSeconds: number;
  readonly intervalSeconds: number;
}

/** The script's exit code (0: confirmed) and everything it printed. */
export interface ScriptRun {
  readonly exitCode: number;
  readonly output: string;
}

/** An operator's confirm script (OPS_MANAGER_CONFIRM_SCRIPT), run in place of confirmation by observation. */
export type ConfirmScript = (r: ConfirmRequest) => Promise<ScriptRun>;

export interface LocalControlPorts extends ControlRecordPorts, ConfirmPorts {
  readonly lock: LoopLock;
  readonly executor: IntentExecutor;
  /** The idempotency ledger: folded from its checkpoint, appended one record at a time. */
  readonly ledger: {
    fold(asOf: string): Promise<LedgerState>;
    append(record: LedgerRecord): Promise<void>;
  };
  /** The documents admission reads (null when absent); an unreadable one throws. */
  readonly facts: () => Promise<AdmissionDocs>;
  /** When present, confirmation is this script's answer rather than opsfold's own observation. */
  readonly confirmScript?: ConfirmScript;
  /** The CLI records a replay again; the service answers it from the ledger alone, as the reference. */
  readonly recordReplays: boolean;
  /** Called, still under the lock, with the ledger after a key completed. */
  readonly onLedger?: (s: LedgerState) => Promise<void>;
}
