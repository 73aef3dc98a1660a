// The context every row of a dispatch pass is processed in: the router (in-process over the catalog,
// loaded once and only when a row needs it, or the operator's resolver script), the sender, and the
// ledger and telemetry appends through the edge. A recorded ledger event is folded at once, so a
// later row of the same pass sees it.
import * as t from 'io-ts';
import { isoSeconds } from '../core/time.js';
import type { Edge } from '../io/node-edge.js';
import { alertEdge, type AlertEdge } from './dispatch-edge.js';
import type { DispatchOptions } from './dispatch-options.js';
import type { AlertPaths } from './dispatch-paths.js';
import type { RowCtx } from './dispatch-row.js';
import { foldLedger, type DeliveryLedgerState, type LedgerEvent } from './ledger.js';
import { SHIPPED_CONFIG } from './load-config.js';
import { routerOf } from './router.js';

const routerFor = (edge: Edge, o: DispatchOptions) =>
  routerOf(o.alertConfigFile, {
    env: o.env,
    readDoc: (file) => edge.readDocument(edge.resolve(o.cwd, file), t.unknown),
    run: (command, args) => edge.runCommand(command, args, { env: o.env }),
    shippedConfig: () => edge.resolve(edge.packageRoot(), ...SHIPPED_CONFIG),
  });

/** The row context of one pass (and the edge it writes through); `ledger` is folded as it is recorded. */
export const contextOf = (
  edge: Edge,
  o: DispatchOptions,
  p: AlertPaths,
  ledger: { state: DeliveryLedgerState },
): { ctx: RowCtx; files: AlertEdge } => {
  const files = alertEdge(edge, p);
  const traceId = o.traceId || o.env['OPS_MANAGER_TRACE_ID'] || edge.newId();
  const ctx: RowCtx = {
    repo: p.repo,
    loopId: p.loopId,
    traceId,
    iso: () => o.asOf ?? isoSeconds(o.now()),
    route: routerFor(edge, o),
    lines: edge.lines,
    send: {
      env: o.env,
      transport: o.transport ?? edge.post,
      sleep: o.sleep ?? edge.sleep,
      retryAttempts: o.retryAttempts ?? 3,
      retryBackoffSeconds: o.retryBackoffSeconds ?? 1,
    },
    maxDeliveryRuns: o.maxDeliveryRuns ?? 10,
    ledger: () => ledger.state,
    record: async (events: readonly LedgerEvent[]) => {
      await files.storeOf(p.ledger).append(p.ledger, events);
      ledger.state = foldLedger(ledger.state, events);
    },
    telemetry: (line: unknown) => files.storeOf(p.telemetry.abs).append(p.telemetry.abs, [line]),
  };
  return { ctx, files };
};
