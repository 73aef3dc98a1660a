// Alert dispatch, the whole pass: under the state file's lock, fold the delivery ledger, retry the rows
// that still owe a delivery, consume the new rows of escalations.jsonl from the reference's line cursor,
// then write alert-dispatch-state.json atomically and mark the ledger's cursor. Every effect goes
// through the edge it is given. `runDispatch` throws on a failure of the pass itself (as the reference
// script exits non-zero); `dispatchAlerts` is what reconcile calls: it never throws, and records such a
// failure as `alert_dispatch_failed` telemetry.
import { isoSeconds } from '../core/time.js';
import type { Edge } from '../io/node-edge.js';
import { contextOf } from './dispatch-context.js';
import { alertEdge } from './dispatch-edge.js';
import { failureMessage } from './dispatch-error.js';
import type { AlertDispatchPass, DispatchOptions, DispatchResult } from './dispatch-options.js';
import { consume } from './dispatch-pass.js';
import { alertPaths } from './dispatch-paths.js';
import { loadLedger } from './ledger-load.js';
import { dispatchCommandFailedLine } from './telemetry.js';

/** One dispatch pass; throws DispatchError (or a lock/write error) when the pass itself cannot run. */
export const runDispatch = async (edge: Edge, o: DispatchOptions): Promise<DispatchResult> => {
  const p = await alertPaths(edge, o);
  await edge.ensureDir(edge.resolve(p.telemetry.abs, '..'));
  return edge.tryLock(p.state.abs, async () => {
    const loaded = await loadLedger(edge, {
      file: p.ledger,
      stateRoot: p.stateRoot,
      checkpointKey: p.ledgerCheckpointKey,
    });
    const ledger = { state: loaded.state };
    const { ctx, files } = contextOf(edge, o, p, ledger);
    const pass = await consume(ctx, p, files, o.maxEscalations ?? 0);
    return { state: pass.state, notes: [...loaded.notes, ...pass.notes] };
  });
};

/**
 * The reconcile entry point (reconcile runs it when --alerts-enabled is true). Never throws: when the
 * pass fails it appends the reference's `alert_dispatch_failed` line to the telemetry file and returns
 * `{status: 'failed_command', message}`.
 */
export const dispatchAlerts = async (edge: Edge, o: DispatchOptions): Promise<AlertDispatchPass> => {
  try {
    const r = await runDispatch(edge, o);
    return { status: 'dispatched', state: r.state, notes: r.notes };
  } catch (err) {
    const message = failureMessage(err);
    const timestamp = o.asOf ?? isoSeconds(o.now());
    const p = await alertPaths(edge, o).catch(() => null);
    if (p !== null) {
      const line = dispatchCommandFailedLine({ timestamp, loopId: p.loopId }, message);
      const telemetry = alertEdge(edge, p).storeOf(p.telemetry.abs);
      await telemetry.append(p.telemetry.abs, [line]).catch(() => undefined);
    }
    return { status: 'failed_command', message };
  }
};
