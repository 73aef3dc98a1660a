// Alert dispatch, the whole pass: under the state file's lock, fold the delivery ledger, retry the rows
// that still owe a delivery, consume the new rows of escalations.jsonl from the reference's line cursor,
// then write alert-dispatch-state.json atomically and mark the ledger's cursor. `runDispatch` throws on
// a failure of the pass itself (as the reference script exits non-zero); `dispatchAlerts` is what
// reconcile calls: it never throws, and records such a failure as `alert_dispatch_failed` telemetry.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { dispatchCommandFailedLine } from '../../lib/alerts/telemetry.js';
import { isoSeconds } from '../../lib/core/time.js';
import { withLock } from '../../lib/io/lock.js';
import { CliError } from '../cli/errors.js';
import { contextOf } from './dispatch-context.js';
import type { AlertDispatchPass, DispatchOptions, DispatchResult } from './dispatch-options.js';
import { consume } from './dispatch-pass.js';
import { alertEdge } from './edge.js';
import { loadLedger } from './ledger-file.js';
import { alertPaths } from './paths.js';

export type { AlertDispatchPass, DispatchOptions, DispatchResult };

/** One dispatch pass; throws CliError (or a lock/write error) when the pass itself cannot run. */
export const runDispatch = async (o: DispatchOptions): Promise<DispatchResult> => {
  const p = await alertPaths(o);
  const iso = () => o.asOf ?? isoSeconds(o.now());
  await fsp.mkdir(dirname(p.telemetry.abs), { recursive: true });
  return withLock(p.state.abs, { waitMs: 0 }, async () => {
    const loaded = await loadLedger(p.ledger, p.ledgerCheckpoint);
    const ledger = { state: loaded.state };
    const { ctx, edge } = contextOf(o, p, ledger, iso);
    const pass = await consume(ctx, p, edge, o.maxEscalations ?? 0);
    return { state: pass.state, notes: [...loaded.notes, ...pass.notes] };
  });
};

const messageOf = (err: unknown): string =>
  err instanceof CliError
    ? [`error: ${err.errorLine}`, ...err.details].join('\n')
    : `error: ${err instanceof Error ? err.message : String(err)}`;

/**
 * The reconcile entry point (reconcile runs it when --alerts-enabled is true). Never throws: when the
 * pass fails it appends the reference's `alert_dispatch_failed` line to the telemetry file and returns
 * `{status: 'failed_command', message}`.
 */
export const dispatchAlerts = async (o: DispatchOptions): Promise<AlertDispatchPass> => {
  try {
    const r = await runDispatch(o);
    return { status: 'dispatched', state: r.state, notes: r.notes };
  } catch (err) {
    const message = messageOf(err);
    const timestamp = o.asOf ?? isoSeconds(o.now());
    const p = await alertPaths(o).catch(() => null);
    if (p !== null) {
      const line = dispatchCommandFailedLine({ timestamp, loopId: p.loopId }, message);
      const telemetry = alertEdge(p, o.seam).storeOf(p.telemetry.abs);
      await telemetry.append(p.telemetry.abs, [line]).catch(() => undefined);
    }
    return { status: 'failed_command', message };
  }
};
