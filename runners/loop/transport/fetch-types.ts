// What reconcile asks of a transport, and what a fetch gives back.
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Sleep } from '../../cli/run-clock.js';
import type { ServiceEndpoint } from '../../../lib/loop/service-call.js';

export type Transport =
  | { readonly mode: 'local' }
  | { readonly mode: 'sprite_service'; readonly endpoint: ServiceEndpoint; readonly sleep: Sleep };

export type ServiceTransport = Extract<Transport, { mode: 'sprite_service' }>;

export interface FetchRequest {
  readonly paths: LoopPaths;
  /** The reconcile cursor file (read here; writing it is the caller's, after its outputs). */
  readonly cursorFile: string;
  readonly fromStart: boolean;
  /** 0 = every available event. */
  readonly maxEvents: number;
  readonly traceId: string | null;
  readonly asOf: string;
  readonly skipCorrupt: boolean;
}

export interface LoopFetch {
  /** The `loop_run_snapshot` envelope. */
  readonly snapshot: Readonly<Record<string, unknown>>;
  /** The `loop_run_event` envelopes after the cursor, in log order. */
  readonly events: readonly Readonly<Record<string, unknown>>[];
  /** The line cursor the poll started from (the reference's `cursorOffsetBefore`). */
  readonly cursorOffsetBefore: number;
  /** The cursor document to write atomically once the caller's outputs are written. */
  readonly cursorDoc: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
  /** Saves the local fold checkpoints; call after the outputs are written (no-op for the service). */
  commit(): Promise<void>;
}
