// Confirmation by observation over its ports: take snapshots of the loop until one shows the intent
// took effect or the timeout passes (the reference confirm-intent loop). A snapshot that cannot be
// taken counts as an attempt and changes nothing.
import type { ControlIntent } from './control-outcome.js';
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import type { ConfirmPorts, ScriptRun } from './control-ports.js';
import { SnapshotView } from './envelope-views.js';
import {
  confirmResult,
  confirms,
  observe,
  unobserved,
  type ConfirmReason,
  type ConfirmResult,
  type Observation,
} from './intent-confirm.js';
import { readView } from './lenient.js';

export interface ConfirmOptions {
  readonly intent: ControlIntent;
  readonly timeoutSeconds: number;
  /** 0 polls every second, as the reference does. */
  readonly intervalSeconds: number;
}

const look = async (ports: ConfirmPorts, asOf: string): Promise<Observation | null> => {
  const snapshot = await ports.snapshot(asOf);
  return snapshot === null ? null : observe(readView(SnapshotView, snapshot));
};

/** Polls snapshots of the loop until `intent` is confirmed or `timeoutSeconds` have passed. */
export const confirmIntent = async (o: ConfirmOptions, ports: ConfirmPorts): Promise<ConfirmResult> => {
  const start = ports.clock.ms();
  const interval = o.intervalSeconds === 0 ? 1 : o.intervalSeconds;
  let attempts = 0;
  let observation = unobserved;
  let reason: ConfirmReason | null = null;
  for (;;) {
    attempts += 1;
    const seen = await look(ports, ports.clock.iso());
    if (seen !== null) {
      observation = seen;
      reason = confirms(o.intent, seen);
      if (reason !== null) break;
    }
    if (Math.floor((ports.clock.ms() - start) / 1000) >= o.timeoutSeconds) break;
    await ports.sleep(interval * 1000);
  }
  return confirmResult({
    intent: o.intent,
    reason,
    attempts,
    timeoutSeconds: o.timeoutSeconds,
    observation,
    observedAt: ports.clock.iso(),
  });
};

/** A confirmation as the outcome reads it: whether it confirmed, the document kept, the exit code. */
export interface Confirmation {
  readonly confirmed: boolean;
  readonly result: unknown;
  readonly exitCode: number;
}

/** Pure: opsfold's own confirmation (exit code 1 when not confirmed, as confirm-intent exits). */
export const observedConfirmation = (r: ConfirmResult): Confirmation => ({
  confirmed: r.confirmed,
  result: r,
  exitCode: r.confirmed ? 0 : 1,
});

/**
 * Pure: an operator confirm script's answer, read as the reference reads it: its exit code decides
 * (0 confirmed, anything else ambiguous) and what it printed is kept when it is one JSON document.
 */
export const scriptConfirmation = (run: ScriptRun): Confirmation => {
  const doc = run.output.trim() === '' ? E.left('empty') : parseJson(run.output);
  return {
    confirmed: run.exitCode === 0,
    result: E.isRight(doc) ? doc.right : null,
    exitCode: run.exitCode,
  };
};
