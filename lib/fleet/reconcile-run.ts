// A fleet reconcile run as one pure decision: the order loops are reconciled in, and from the loop
// runs the fleet state to print plus the effects that record it (state.json replaced, one telemetry
// line appended).
import type { Effect } from '../io/effects.js';
import { byCode } from './candidates.js';
import { fleetState, loopResult, reconcileTelemetry, type FleetRun, type LoopRun } from './reconcile.js';
import type { FleetLoop } from './registry-types.js';

/** Pure: the loops in registry order, or sorted by loopId with --deterministic-order. */
export const reconcileOrder = (loops: readonly FleetLoop[], deterministic: boolean): readonly FleetLoop[] =>
  deterministic ? [...loops].sort((a, b) => byCode(a.loopId, b.loopId)) : loops;

/** Where a reconcile run is recorded. */
export interface ReconcileFiles {
  readonly stateFile: string;
  readonly telemetryFile: string;
}

/** Pure: the fleet state of a run and the effects that record it. */
export const reconcileRun = (run: FleetRun, runs: readonly LoopRun[], files: ReconcileFiles) => {
  const state = fleetState(run, runs.map(loopResult));
  const effects: Effect[] = [
    { kind: 'write', path: files.stateFile, value: state, pretty: false },
    { kind: 'append', path: files.telemetryFile, records: [reconcileTelemetry(state)] },
  ];
  return { state, effects };
};
