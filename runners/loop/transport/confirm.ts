// Confirmation snapshots of the loop for lib/loop/control-confirm.ts: one gathered snapshot (its fold
// checkpoints committed), or null when it cannot be taken; or the operator's confirm script
// (OPS_MANAGER_CONFIRM_SCRIPT) run with the reference confirm-intent arguments.
import { confirmIntent as confirm, type ConfirmOptions } from '../../../lib/loop/control-confirm.js';
import type { ConfirmResult } from '../../../lib/loop/intent-confirm.js';
import type { ConfirmScript } from '../../../lib/loop/control-ports.js';
import { runCommand } from '../../../lib/io/process.js';
import { gatherSnapshot } from '../gather.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Clock, Sleep } from '../../cli/run-clock.js';

/** Takes one snapshot of the loop as of `asOf`; null when it cannot be taken. */
export const snapshotOf =
  (p: LoopPaths) =>
  async (asOf: string): Promise<unknown> => {
    try {
      const g = await gatherSnapshot(p, {
        asOf,
        fromStart: false,
        skipCorrupt: false,
        runId: null,
        traceId: null,
      });
      await g.commit();
      return g.snapshot;
    } catch {
      return null;
    }
  };

/** Polls snapshots of the loop until `intent` is confirmed or `timeoutSeconds` have passed. */
export const confirmIntent = (
  p: LoopPaths,
  o: ConfirmOptions,
  d: { readonly clock: Clock; readonly sleep: Sleep },
): Promise<ConfirmResult> => confirm(o, { ...d, snapshot: snapshotOf(p) });

// The script polls for up to its --timeout-seconds; leave it room beyond that before killing it.
const SCRIPT_GRACE_MS = 60_000;

/** The confirm script OPS_MANAGER_CONFIRM_SCRIPT names, as a port (undefined when none is named). */
export const confirmScriptOf = (env: NodeJS.ProcessEnv): ConfirmScript | undefined => {
  const script = env['OPS_MANAGER_CONFIRM_SCRIPT'];
  if (script === undefined || script === '') return undefined;
  return async (r) => {
    const args = ['--repo', r.repo, '--loop', r.loopId, '--intent', r.intent];
    args.push('--timeout-seconds', String(r.timeoutSeconds), '--interval-seconds', String(r.intervalSeconds));
    const ran = await runCommand(script, args, { env, timeoutMs: r.timeoutSeconds * 1000 + SCRIPT_GRACE_MS });
    return { exitCode: ran.code, output: ran.out };
  };
};
