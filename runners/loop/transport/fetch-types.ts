// What reconcile asks of a transport, and what a fetch gives back.
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Sleep } from '../../cli/run-clock.js';
import type { PolledEnvelopes } from '../../../lib/loop/reconcile-ports.js';
import type { ServiceEndpoint } from '../../../lib/loop/service-call.js';
import type { ProgressPort } from '../../../lib/io/progress.js';

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
  /** Progress of a local poll's reading, for an operator at a terminal. */
  readonly progress?: ProgressPort;
}

/** The snapshot and new event envelopes a fetch gives back (the reconcile pass's port answer). */
export type LoopFetch<S> = PolledEnvelopes<S>;
