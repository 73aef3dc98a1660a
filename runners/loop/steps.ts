// The loop's steps other domains receive through the LoopSteps port (runners/cli/loop-steps.ts):
// the reconcile pass with its alert dispatch, and the control command with its sleep injected.
import { runCaptured } from '../cli/capture.js';
import { requireKnownLoop } from '../cli/known-loop.js';
import type { Io, Values } from '../cli/command.js';
import type { LoopReconcileRun, LoopSteps } from '../cli/loop-steps.js';
import type { Sleep } from '../cli/run-clock.js';
import type { ProgressPort } from '../../lib/io/progress.js';
import { makeLoopControl } from './control.js';
import { dispatchAfterReconcile } from './reconcile/alerts.js';
import { reconcilePass } from './reconcile/pass.js';
import { reconcileSettings } from './reconcile/settings.js';
import { withJetStream } from '../cli/nats-flags.js';

/** What the command line adds to a pass that the fleet's and the dashboard's passes do without. */
export interface StepOptions {
  /**
   * Refuse a local loop the repo has no folder for before writing anything (the command line's typo
   * guard; a fleet pass records such a loop's failure instead).
   */
  readonly knownLoop?: boolean;
  /** Progress of the poll's reading on the operator's terminal. */
  readonly progress?: ProgressPort;
}

/** Settings from the flag values, one pass under the loop's lock, then alert dispatch (lock released). */
export const reconcileStep = async (
  v: Values,
  io: Io,
  sleep: Sleep,
  o: StepOptions = {},
): Promise<LoopReconcileRun> => {
  const s = await reconcileSettings(v, io);
  if (o.knownLoop === true && s.transport.mode === 'local' && s.source === null) requireKnownLoop(s.paths);
  const deps = { sleep, now: io.now, ...(o.progress === undefined ? {} : { progress: o.progress }) };
  // The server is reached before the lock is taken or anything read: down, it fails closed (exit 1).
  const r =
    s.source === null
      ? await reconcilePass(s, deps)
      : await withJetStream(s.source.url, (conn) =>
          reconcilePass(s, { ...deps, stream: { conn, at: s.source!.at } }),
        );
  const alerts = await dispatchAfterReconcile(s, io);
  return {
    ok: r.ok,
    health: r.health,
    state: r.state,
    notes: [...r.notes, ...alerts],
    failureMessage: r.failure?.message ?? null,
    pretty: s.pretty,
  };
};

/** The loop's steps with `sleep` injected (retry backoff, confirmation polling). */
export const makeLoopSteps = (sleep: Sleep): LoopSteps => ({
  reconcile: (v, io) => reconcileStep(v, io, sleep),
  control: (argv, io) => runCaptured([makeLoopControl({ sleep })], argv, io),
});
