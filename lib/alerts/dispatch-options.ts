// What one dispatch pass is run with, and what it returns: the paths (flags, or the reference's
// defaults), the instant, the catalog, the retry policy, and the ports tests replace (transport, sleep).
import type { DispatchStateDoc } from './dispatch-state.js';
import type { PathOptions } from './dispatch-paths.js';
import type { Env, Sleep, Transport } from './ports.js';

export interface DispatchOptions extends PathOptions {
  readonly env: Env;
  /** The wall clock (ms); ignored when `asOf` fixes the instant. */
  readonly now: () => number;
  readonly asOf?: string | undefined;
  readonly alertConfigFile?: string | undefined;
  /** 0 = every new row. */
  readonly maxEscalations?: number | undefined;
  readonly traceId?: string | undefined;
  /** HTTP attempts per delivery within one run (default 3). */
  readonly retryAttempts?: number | undefined;
  /** Backoff base: attempt n waits base × 2^(n-2) seconds (default 1). */
  readonly retryBackoffSeconds?: number | undefined;
  /** Runs a failed delivery is tried in before it is abandoned; 0 = no limit (default 10). */
  readonly maxDeliveryRuns?: number | undefined;
  /** Instead of the edge's HTTP client (tests). */
  readonly transport?: Transport;
  /** Instead of the edge's timer (tests). */
  readonly sleep?: Sleep;
}

export interface DispatchResult {
  readonly state: DispatchStateDoc;
  readonly notes: readonly string[];
}

/** What reconcile gets from a pass: its state, or why the pass itself failed. */
export type AlertDispatchPass =
  | {
      readonly status: 'dispatched';
      readonly state: DispatchStateDoc;
      readonly notes: readonly string[];
    }
  | { readonly status: 'failed_command'; readonly message: string };

/** Pure: a count flag's value (digits only, a safe integer, at least `min`), or null when it is not one. */
export const countFlagValue = (raw: string, min: number): number | null =>
  /^\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) && Number(raw) >= min ? Number(raw) : null;
