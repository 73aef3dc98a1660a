// The context every row of a dispatch pass is processed in: the router (in-process over the catalog,
// loaded once and only when a row needs it, or the operator's resolver script), the sender, and the
// executor of the pass's effects (the edge's applyEffects over the pass's Stores). A ledger record is
// folded once applied, so a later row (or message) of the same pass sees it.
import * as t from 'io-ts';
import { isoSeconds } from '../core/time.js';
import type { Edge } from '../io/node-edge.js';
import { alertEdge, type AlertEdge } from './dispatch-edge.js';
import type { DispatchOptions } from './dispatch-options.js';
import type { AlertPaths } from './dispatch-paths.js';
import type { RowCtx } from './dispatch-row.js';
import type { Effect } from '../io/effects.js';
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

/** Pure: the ledger records among `effects`. */
const ledgerRecordsOf = (effects: readonly Effect[], ledgerFile: string): LedgerEvent[] =>
  effects.flatMap((e) => (e.kind === 'append' && e.path === ledgerFile ? (e.records as LedgerEvent[]) : []));

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
    files: { ledger: p.ledger, telemetry: p.telemetry.abs },
    apply: async (effects: readonly Effect[]) => {
      await edge.applyEffects({ store: files.store }, effects);
      ledger.state = foldLedger(ledger.state, ledgerRecordsOf(effects, p.ledger));
    },
  };
  return { ctx, files };
};
