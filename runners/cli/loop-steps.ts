// The loop domain's steps that other domains run (`fleet reconcile` runs a loop's reconcile pass,
// `fleet handoff` and the dashboard run `loop control`), received as a port: no domain imports the
// loop's runners. runners/loop-steps.ts builds it and loads the loop's modules on first use.
import type { HealthDoc } from '../../lib/loop/health.js';
import type { Ran } from './capture.js';
import type { Io, Values } from './command.js';

/** One reconcile pass and the alert dispatch after it, as `loop reconcile` runs them. */
export interface LoopReconcileRun {
  readonly ok: boolean;
  readonly health: HealthDoc;
  /** The state document written (null when a failed pass had no previous state to annotate). */
  readonly state: Record<string, unknown> | null;
  /** The pass's notes, then the alert dispatch's. */
  readonly notes: readonly string[];
  /** Why the ingest failed (the reader's message, `file:line:byte` included); null when it worked. */
  readonly failureMessage: string | null;
  readonly pretty: boolean;
}

export interface LoopSteps {
  /** `loop reconcile` for these flag values; usage problems and a held lock throw as the command's do. */
  reconcile(values: Values, io: Io): Promise<LoopReconcileRun>;
  /** `opsfold loop control <argv…>` run in-process, its output captured. */
  control(argv: readonly string[], io: Omit<Io, 'stdout' | 'stderr'>): Promise<Ran>;
}
