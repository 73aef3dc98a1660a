// Alert dispatch, the whole pass: under the state file's lock, fold the delivery ledger, retry the rows
// that still owe a delivery, consume the new rows of escalations.jsonl from the reference's line cursor,
// then write alert-dispatch-state.json atomically and mark the ledger's cursor. `runDispatch` throws on
// a failure of the pass itself (as the reference script exits non-zero); `dispatchAlerts` is what
// reconcile calls: it never throws, and records such a failure as `alert_dispatch_failed` telemetry.
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { isoSeconds } from '../../lib/core/time.js';
import type { WriteSeam } from '../../lib/io/fs-seam.js';
import { withLock } from '../../lib/io/lock.js';
import {
  deliveryLedgerProjection,
  type DeliveryLedgerState,
  type LedgerEvent,
} from '../../lib/alerts/ledger.js';
import { dispatchCommandFailedLine } from '../../lib/alerts/telemetry.js';
import { CliError } from '../cli/errors.js';
import { nodeTransport, type Transport } from './http.js';
import { configPathOf, loadConfig } from './load-config.js';
import { loadLedger } from './ledger-file.js';
import { alertEdge } from './edge.js';
import { alertPaths, type AlertPaths, type PathOptions } from './paths.js';
import { inProcessRouter, RESOLVER_ENV, scriptRouter, type Router } from './router.js';
import type { RowCtx } from './dispatch-row.js';
import { consume } from './dispatch-pass.js';
import type { DispatchStateDoc } from '../../lib/alerts/dispatch-state.js';

export interface DispatchOptions extends PathOptions {
  readonly env: NodeJS.ProcessEnv;
  /** The wall clock (ms); ignored when `asOf` fixes the instant. */
  readonly now: () => number;
  readonly asOf?: string;
  readonly alertConfigFile?: string;
  /** 0 = every new row. */
  readonly maxEscalations?: number;
  readonly traceId?: string;
  /** HTTP attempts per delivery within one run (default 3). */
  readonly retryAttempts?: number;
  /** Backoff base: attempt n waits base × 2^(n-2) seconds (default 1). */
  readonly retryBackoffSeconds?: number;
  /** Runs a failed delivery is tried in before it is abandoned; 0 = no limit (default 10). */
  readonly maxDeliveryRuns?: number;
  readonly transport?: Transport;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where every append and the state write go through (fault tests cut it). */
  readonly seam?: WriteSeam;
}

export interface DispatchResult {
  readonly state: DispatchStateDoc;
  readonly notes: readonly string[];
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const routerOf = (o: DispatchOptions): Router => {
  const script = o.env[RESOLVER_ENV];
  const explicit = o.alertConfigFile ?? o.env['OPS_MANAGER_ALERT_SINKS_FILE'];
  if (script !== undefined && script !== '')
    return scriptRouter(script, explicit === undefined || explicit === '' ? null : explicit, o.env);
  const sourceFile = configPathOf(o.alertConfigFile, o.env);
  let loaded: ReturnType<typeof loadConfig> | null = null;
  const inner = async () =>
    inProcessRouter(await (loaded ??= loadConfig(sourceFile, o.cwd)), sourceFile, o.env);
  return async (e) => (await inner())(e);
};

const contextOf = (
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
    route: routerOf(o),
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
      for (const value of events)
        ledger.state = deliveryLedgerProjection.evolve(ledger.state, {
          value,
          position: { line: 0, byteOffset: 0 },
        });
    },
    telemetry: (line: unknown) => edge.storeOf(p.telemetry.abs).append(p.telemetry.abs, [line]),
  };
  return { ctx, edge };
};

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

export type AlertDispatchPass =
  | {
      readonly status: 'dispatched';
      readonly state: DispatchResult['state'];
      readonly notes: readonly string[];
    }
  | { readonly status: 'failed_command'; readonly message: string };

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
