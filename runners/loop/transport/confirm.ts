// Confirmation snapshots of the loop for lib/loop/control-confirm.ts: one gathered snapshot (its fold
// checkpoints committed), or null when it cannot be taken.
import { confirmIntent as confirm, type ConfirmOptions } from '../../../lib/loop/control-confirm.js';
import type { ConfirmResult } from '../../../lib/loop/intent-confirm.js';
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
