// What one cycle runs with: its options, its injected effects (clock, ids, worker), the paths, and the
// warnings it gathers; and the reading of the safety inputs (step 1 and the safety snapshot).
import type { SafetySnapshot } from '../../lib/cycle/codecs-snapshot.js';
import { decodeWindowEvent } from '../../lib/cycle/codecs-safety.js';
import type { Warning } from '../../lib/cycle/reasons.js';
import {
  readAllowlist,
  readEmergencyStop,
  readExecutionGate,
  type AllowlistReading,
  type GateReading,
} from '../../lib/cycle/safety.js';
import { activeWindows, windowsProjection, type WindowsState } from '../../lib/cycle/windows.js';
import { formatInZone } from '../../lib/cycle/zone.js';
import { readDoc } from './docs.js';
import { badLineText } from '../../lib/cycle/log-problems.js';
import { foldLog } from './fold-log.js';
import { cyclePaths, SHOWN, type CyclePaths } from './paths.js';
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
  runId: deps.uuid(),
  at: formatInZone(opts.asOfMs, opts.zone),
  startedNow: deps.now(),
  warnings: [],
});

/** asOf advanced by the wall-clock time this cycle has taken, as written. */
export const elapsedAt = (ctx: CycleCtx): string =>
  formatInZone(ctx.opts.asOfMs + Math.max(0, ctx.deps.now() - ctx.startedNow), ctx.opts.zone);

export interface SafetyRead {
  readonly stop: boolean;
  readonly gate: GateReading;
  readonly allowlist: AllowlistReading;
  readonly windows: WindowsState;
  /** False when the window log had a bad line: then no window counts as active. */
  readonly windowsTrusted: boolean;
  readonly snapshot: SafetySnapshot;
}

const readWindows = async (ctx: CycleCtx): Promise<{ state: WindowsState; trusted: boolean }> => {
  const spec = {
    file: ctx.paths.windows,
    shown: SHOWN.windows,
    projection: windowsProjection,
    decode: decodeWindowEvent,
  };
  const folded = await foldLog(spec);
  const problems = [
    ...folded.bad.map(badLineText),
    ...(folded.unreadable === null ? [] : [folded.unreadable]),
  ];
  for (const p of problems)
    ctx.warnings.push({ code: 'WINDOW_LOG_CORRUPT', detail: `${p}; no window counts as active` });
  return { state: folded.state, trusted: problems.length === 0 };
};

/** Reads the emergency stop, gate, allowlist and window log; warnings go to ctx. */
export const readSafety = async (ctx: CycleCtx): Promise<SafetyRead> => {
  const [stopDoc, gateDoc, allowDoc] = await Promise.all([
    readDoc(ctx.paths.emergencyStop),
    readDoc(ctx.paths.gate),
    readDoc(ctx.paths.allowlist),
  ]);
  const stop = readEmergencyStop(stopDoc, SHOWN.emergencyStop);
  const gate = readExecutionGate(gateDoc, SHOWN.gate);
  const allowlist = readAllowlist(allowDoc, SHOWN.allowlist);
  ctx.warnings.push(...stop.warnings, ...gate.warnings, ...allowlist.warnings);
  const windows = await readWindows(ctx);
  const active = windows.trusted && activeWindows(windows.state, ctx.opts.asOfMs, ctx.opts.zone).length > 0;
  return {
    stop: stop.value,
    gate: gate.value,
    allowlist: allowlist.value,
    windows: windows.state,
    windowsTrusted: windows.trusted,
    snapshot: {
      emergency_stop_enabled: stop.value,
      execution_gate_mode: gate.value.reported,
      window_active: active,
      allowlist_version: allowlist.value.version,
    },
  };
};
