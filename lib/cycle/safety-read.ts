// The reading of the safety inputs (step 1 and the safety snapshot): the emergency stop, the execution
// gate, the allowlist and the window log, each read by the pure readers of safety.ts.
import * as t from 'io-ts';
import type { SafetySnapshot } from './codecs-snapshot.js';
import { decodeWindowEvent } from './codecs-safety.js';
import { badLineText } from './log-problems.js';
import {
  readAllowlist,
  readEmergencyStop,
  readExecutionGate,
  type AllowlistReading,
  type GateReading,
} from './safety.js';
import { activeWindows, windowsProjection, type WindowsState } from './windows.js';
import type { CycleCtx } from './context.js';
import { readDoc } from './doc-read.js';
import { SHOWN } from './layout.js';

/** The documents the origin reads leniently: any JSON object, its keys checked by the reader. */
const LenientObject: t.Type<Readonly<Record<string, unknown>>, unknown, unknown> = t.UnknownRecord;

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
    shown: SHOWN.windows,
    projection: windowsProjection,
    decode: decodeWindowEvent,
  };
  const folded = await ctx.ports.fold(spec);
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
    readDoc(ctx.ports.store, SHOWN.emergencyStop, LenientObject),
    readDoc(ctx.ports.store, SHOWN.gate, LenientObject),
    readDoc(ctx.ports.store, SHOWN.allowlist, LenientObject),
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
