// The context every row of a dispatch pass is processed in: the router (in-process over the catalog,
// loaded once and only when a row needs it, or the operator's resolver script), the sender, and the
// ledger and telemetry appends through the edge. A recorded ledger event is folded at once, so a
// later row of the same pass sees it.
import { randomUUID } from 'node:crypto';
import { foldLedger, type DeliveryLedgerState, type LedgerEvent } from '../../lib/alerts/ledger.js';
import { realSleep } from '../cli/run-clock.js';
import type { DispatchOptions } from './dispatch-options.js';
import type { RowCtx } from './dispatch-row.js';
import { alertEdge } from './edge.js';
import { nodeTransport } from '../../lib/io/http.js';
import { runCommand } from '../../lib/io/process.js';
import { routerOf } from '../../lib/alerts/router.js';
import { defaultConfigPath, readDocAt } from './load-config.js';
import type { AlertPaths } from './paths.js';

/** The row context of one pass (and the edge it writes through); `ledger` is folded as it is recorded. */
export const contextOf = (
  o: DispatchOptions,
  p: AlertPaths,
  ledger: { state: DeliveryLedgerState },
  iso: () => string,
) => {
  const edge = alertEdge(p, o.seam);
  const traceId = o.traceId || o.env['OPS_MANAGER_TRACE_ID'] || randomUUID();
  const ctx: RowCtx = {
    repo: p.repo,
    loopId: p.loopId,
    traceId,
    iso,
    route: routerOf(o.alertConfigFile, {
      env: o.env,
      readDoc: readDocAt(o.cwd),
      run: (command, args) => runCommand(command, args, { env: o.env }),
      shippedConfig: defaultConfigPath,
    }),
    send: {
      env: o.env,
      transport: o.transport ?? nodeTransport,
      sleep: o.sleep ?? realSleep,
      retryAttempts: o.retryAttempts ?? 3,
      retryBackoffSeconds: o.retryBackoffSeconds ?? 1,
    },
    maxDeliveryRuns: o.maxDeliveryRuns ?? 10,
    ledger: () => ledger.state,
    record: async (events: readonly LedgerEvent[]) => {
      await edge.storeOf(p.ledger).append(p.ledger, events);
      ledger.state = foldLedger(ledger.state, events);
    },
    telemetry: (line: unknown) => edge.storeOf(p.telemetry.abs).append(p.telemetry.abs, [line]),
  };
  return { ctx, edge };
};
