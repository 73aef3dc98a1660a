// What one dispatch pass is run with, and what it returns: the paths (flags, or the reference's defaults), the instant,
// the catalog, the retry policy, and the seams the tests replace (transport, sleep, file writes).
import type { DispatchStateDoc } from '../../lib/alerts/dispatch-state.js';
import type { WriteSeam } from '../../lib/io/fs-seam.js';
import type { Transport } from '../../lib/alerts/ports.js';
import type { PathOptions } from './paths.js';

export interface DispatchOptions extends PathOptions {
  readonly env: NodeJS.ProcessEnv;
  /** The wall clock (ms); ignored when `asOf` fixes the instant. */
  readonly now: () => number;
  readonly asOf?: string;
  readonly alertConfigFile?: string;
  /** 0 = every new row. */
  readonly maxEscalations?: number;
  readonly traceId?: string;
  /** HTTP attempts per delivery within one run (default 3). */
  readonly retryAttempts?: number;
  /** Backoff base: attempt n waits base × 2^(n-2) seconds (default 1). */
  readonly retryBackoffSeconds?: number;
  /** Runs a failed delivery is tried in before it is abandoned; 0 = no limit (default 10). */
  readonly maxDeliveryRuns?: number;
  readonly transport?: Transport;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where every append and the state write go through (fault tests cut it). */
  readonly seam?: WriteSeam;
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
