// The execution half of `fleet handoff`: dispatch the selected intents one by one through loop
// control, then fold their outcomes into the handoff state (lib/fleet/handoff-execute.ts).
import {
  applyExecution,
  targetsOf,
  type DispatchResult,
  type ExecutionMode,
} from '../../lib/fleet/handoff-execute.js';
import type { HandoffPlan } from '../../lib/fleet/handoff-plan.js';
import { str, type Io, type Values } from '../cli/command.js';
import type { LoopSteps } from '../cli/loop-steps.js';
import type { Clock } from '../cli/run-clock.js';
import { dispatchIntent, type DispatchContext } from './handoff-dispatch.js';
import type { HandoffOptions } from './handoff-flags.js';
import type { FleetPaths } from './paths.js';

export interface ExecuteStep {
  readonly v: Values;
  readonly io: Io;
  readonly p: FleetPaths;
  readonly o: HandoffOptions;
  readonly traceId: string;
  readonly clock: Clock;
  readonly loop: LoopSteps;
}

/** Dispatches the plan's targets for `mode` and returns the handoff state with their outcomes. */
export const executePlan = async (plan: HandoffPlan, mode: ExecutionMode, s: ExecuteStep) => {
  const { v, io, p, o, clock } = s;
  const targets = targetsOf(plan, mode, o.filters);
  const requestedAt = clock.iso();
  const by = str(v, 'by') ?? io.env['USER'] ?? 'unknown';
  const note = str(v, 'note') ?? '';
  const c: DispatchContext = {
    repo: p.repo,
    traceId: s.traceId,
    by,
    note,
    timeoutSeconds: o.timeoutSeconds,
    intervalSeconds: o.intervalSeconds,
    runtimeConfirm: v['no-runtime-confirm'] !== true,
    asOf: str(v, 'as-of'),
    stateDir: p.stateDir,
    io,
    clock,
    loop: s.loop,
  };
  const results: DispatchResult[] = [];
  for (const t of targets) results.push(await dispatchIntent(t, c));
  const execution = {
    mode,
    requestedBy: by,
    requestedAt,
    completedAt: clock.iso(),
    note,
    requestedIntentCount: targets.length,
  };
  return applyExecution(plan, execution, results);
};
