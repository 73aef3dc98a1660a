// Whether a planned handoff may go ahead as asked: filters must name intents of the plan, and
// autonomous dispatch needs guarded_auto in the policy state it acts on, as the reference gates it; the
// registry's live blocks (a kill switch or manual pause set since) then hold eligible intents back. A
// refusal is data; the runner prints it.
import * as E from 'fp-ts/lib/Either.js';
import {
  holdBack,
  liveAutonomyBlocks,
  unknownFilters,
  type ExecutionMode,
  type Filters,
} from './handoff-execute.js';
import type { HandoffPlan } from './handoff-plan.js';
import type { NormalizedRegistry } from './registry-types.js';

export interface Refusal {
  readonly errorLine: string;
  readonly details: readonly string[];
}

const refusal = (errorLine: string, details: readonly string[] = []): E.Either<Refusal, never> =>
  E.left({ errorLine, details });

/** Pure: the plan to carry out (held back by live blocks when autonomous), or why it is refused. */
export const gatePlan = (
  plan: HandoffPlan,
  registry: NormalizedRegistry,
  mode: ExecutionMode | null,
  filters: Filters,
): E.Either<Refusal, HandoffPlan> => {
  const u = unknownFilters(plan, filters);
  if (u.loops.length > 0) return refusal(`loop filter not found in handoff intents: ${u.loops.join(',')}`);
  if (u.intentIds.length > 0)
    return refusal(`intent filter not found in handoff intents: ${u.intentIds.join(',')}`);
  if (mode !== 'autonomous') return E.right(plan);
  if (plan.mode !== 'guarded_auto')
    return refusal('--autonomous-execute requires policy mode guarded_auto', [
      `policy state mode: ${plan.mode}`,
    ]);
  return E.right(holdBack(plan, liveAutonomyBlocks(registry)));
};
