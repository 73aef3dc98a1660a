// How a handoff run is recorded, as effects: the plan's telemetry line before any intent is
// dispatched (so a crash mid-execution still leaves the plan on record), then the execution's line
// when one ran and the handoff state the command prints.
import type { Effect } from '../io/effects.js';
import { executeTelemetry, planTelemetry, type HandoffState } from './handoff-execute.js';
import type { HandoffPlan } from './handoff-plan.js';

/** Where a handoff run is recorded. */
export interface HandoffFiles {
  readonly handoffStateFile: string;
  readonly handoffTelemetryFile: string;
}

/** Pure: the plan's telemetry line. */
export const planRecorded = (f: HandoffFiles, plan: HandoffPlan): Effect[] => [
  { kind: 'append', path: f.handoffTelemetryFile, records: [planTelemetry(plan)] },
];

/** Pure: the state to print (the execution's, else the plan) and the effects that record it. */
export const stateRecorded = (f: HandoffFiles, plan: HandoffPlan, executed: HandoffState | null) => {
  const state: HandoffPlan | HandoffState = executed ?? plan;
  const effects: Effect[] = [
    ...(executed === null
      ? []
      : [{ kind: 'append' as const, path: f.handoffTelemetryFile, records: [executeTelemetry(executed)] }]),
    { kind: 'write', path: f.handoffStateFile, value: state, pretty: false },
  ];
  return { state, effects };
};
