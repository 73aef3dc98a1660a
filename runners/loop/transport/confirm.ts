// Confirmation by observation: take snapshots of the loop until one shows the intent took effect or
// the timeout passes (the reference confirm-intent loop). A snapshot that cannot be taken counts as an
// attempt and changes nothing. Clock and sleep are injected.
import { SnapshotView } from '../../../lib/loop/envelope-views.js';
import { readView } from '../../../lib/loop/lenient.js';
import type { ControlIntent } from '../../../lib/loop/control-outcome.js';
import {
  confirmResult,
  confirms,
  observe,
  unobserved,
  type ConfirmReason,
  type ConfirmResult,
  type Observation,
} from '../../../lib/loop/intent-confirm.js';
import { gatherSnapshot } from '../gather.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Clock, Sleep } from '../../cli/run-clock.js';

export interface ConfirmOptions {
  readonly intent: ControlIntent;
  readonly timeoutSeconds: number;
  /** 0 polls every second, as the reference does. */
  readonly intervalSeconds: number;
}

export interface ConfirmDeps {
  readonly clock: Clock;
  readonly sleep: Sleep;
}

const look = async (p: LoopPaths, asOf: string): Promise<Observation | null> => {
  try {
    const g = await gatherSnapshot(p, {
      asOf,
      fromStart: false,
      skipCorrupt: false,
      runId: null,
      traceId: null,
    });
    await g.commit();
    return observe(readView(SnapshotView, g.snapshot));
  } catch {
    return null;
  }
};

/** Polls snapshots of the loop until `intent` is confirmed or `timeoutSeconds` have passed. */
export const confirmIntent = async (
  p: LoopPaths,
  o: ConfirmOptions,
  d: ConfirmDeps,
): Promise<ConfirmResult> => {
  const start = d.clock.ms();
  const interval = o.intervalSeconds === 0 ? 1 : o.intervalSeconds;
  let attempts = 0;
  let observation = unobserved;
  let reason: ConfirmReason | null = null;
  for (;;) {
    attempts += 1;
    const seen = await look(p, d.clock.iso());
    if (seen !== null) {
      observation = seen;
      reason = confirms(o.intent, seen);
      if (reason !== null) break;
    }
    if (Math.floor((d.clock.ms() - start) / 1000) >= o.timeoutSeconds) break;
    await d.sleep(interval * 1000);
  }
  return confirmResult({
    intent: o.intent,
    reason,
    attempts,
    timeoutSeconds: o.timeoutSeconds,
    observation,
    observedAt: d.clock.iso(),
  });
};
