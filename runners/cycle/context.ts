// What one cycle runs with: its options, its injected effects (clock, ids, worker), the paths, and the
// warnings it gathers.
import type { Warning } from '../../lib/cycle/reasons.js';
import { formatInZone } from '../../lib/cycle/zone.js';
import { resolve } from 'node:path';
import { confine, ConfinementError } from '../../lib/io/confine.js';
import type { EffectTargets } from '../../lib/io/effects.js';
import { fileStore, type Store } from '../../lib/io/store.js';
import { cyclePaths, type CyclePaths } from './paths.js';
import type { RunWorker } from './worker.js';

export interface CycleOptions {
  readonly root: string;
  readonly workerCmd: string | null;
  readonly asOfMs: number;
  readonly zone: string;
  readonly workerTimeoutMs: number;
}

export interface CycleDeps {
  /** The wall clock, read only to measure elapsed time on top of asOf (finished_at, lock heartbeat). */
  readonly now: () => number;
  readonly uuid: () => string;
  readonly runWorker: RunWorker;
  /** The environment the worker inherits (OPSFOLD_* variables are added). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly heartbeatMs: number;
  readonly pid: number;
  readonly host: string;
  /** Diagnostics (worker output tail on failure); stdout is never used. */
  readonly log: (line: string) => void;
  /** Appends records to a ticket log (one write each, under the log's lock): lib/io's appendJsonl. */
  readonly append: (file: string, records: readonly unknown[]) => Promise<void>;
}

export interface CycleCtx {
  readonly opts: CycleOptions;
  readonly deps: CycleDeps;
  readonly paths: CyclePaths;
  /** Every document the cycle reads or writes, confined to the root. */
  readonly store: Store;
  readonly runId: string;
  /** asOf as written in snapshots and records: the zone's wall clock with its offset. */
  readonly at: string;
  readonly startedNow: number;
  readonly warnings: Warning[];
}

export const makeCtx = (opts: CycleOptions, deps: CycleDeps): CycleCtx => ({
  opts,
  deps,
  paths: cyclePaths(opts.root),
  store: fileStore(opts.root),
  runId: deps.uuid(),
  at: formatInZone(opts.asOfMs, opts.zone),
  startedNow: deps.now(),
  warnings: [],
});

/** asOf advanced by the wall-clock time this cycle has taken, as written. */
export const elapsedAt = (ctx: CycleCtx): string =>
  formatInZone(ctx.opts.asOfMs + Math.max(0, ctx.deps.now() - ctx.startedNow), ctx.opts.zone);

/** Appends records to a log under the root with the injected append; a log whose real place is outside the root is refused. */
export const appendRecords = async (
  ctx: CycleCtx,
  file: string,
  records: readonly unknown[],
): Promise<void> => {
  const c = await confine(ctx.paths.root, file);
  if (!c.ok) throw new ConfinementError(c.path, c.reason);
  await ctx.deps.append(file, records);
};

/** Where the cycle's effects go: its Store, with appends through the injected (and confined) append. */
export const effectTargets = (ctx: CycleCtx): EffectTargets => ({
  store: {
    ...ctx.store,
    append: (path, records) => appendRecords(ctx, resolve(ctx.paths.root, path), records),
  },
});
