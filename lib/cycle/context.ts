// What one cycle runs with: its options, its ports (clock, ids, worker, files), and the warnings it
// gathers.
import type { CyclePorts } from './ports.js';
import type { Warning } from './reasons.js';
import { formatInZone } from './zone.js';

export interface CycleOptions {
  readonly root: string;
  readonly workerCmd: string | null;
  readonly asOfMs: number;
  readonly zone: string;
  readonly workerTimeoutMs: number;
}

export interface CycleCtx {
  readonly opts: CycleOptions;
  readonly ports: CyclePorts;
  readonly runId: string;
  /** asOf as written in snapshots and records: the zone's wall clock with its offset. */
  readonly at: string;
  readonly startedNow: number;
  readonly warnings: Warning[];
}

export const makeCtx = (opts: CycleOptions, ports: CyclePorts): CycleCtx => ({
  opts,
  ports,
  runId: ports.uuid(),
  at: formatInZone(opts.asOfMs, opts.zone),
  startedNow: ports.now(),
  warnings: [],
});

/** asOf advanced by the wall-clock time this cycle has taken, as epoch ms. */
export const elapsedMs = (ctx: CycleCtx): number =>
  ctx.opts.asOfMs + Math.max(0, ctx.ports.now() - ctx.startedNow);

/** asOf advanced by the wall-clock time this cycle has taken, as written. */
export const elapsedAt = (ctx: CycleCtx): string => formatInZone(elapsedMs(ctx), ctx.opts.zone);
