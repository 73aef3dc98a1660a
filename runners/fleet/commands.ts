// The fleet commands, in the order --help lists them; runners/commands.ts appends them to the table.
// `makeFleetCommands` takes the sleep the loop passes and controls use, so tests run retries and
// confirmation polling on an injected clock.
import type { Command } from '../cli/command.js';
import { realSleep, type Sleep } from '../cli/run-clock.js';
import { loopSteps } from '../loop-steps.js';
import { fleetRegistry } from './registry.js';
import { makeFleetReconcile } from './reconcile.js';
import { fleetPolicy } from './policy.js';
import { fleetStatusCommand } from './status.js';
import { makeFleetHandoff } from './handoff.js';
import { fleetPromotionCommands } from './promotion-commands.js';
import { fleetHorizonBridge } from './horizon-bridge.js';

export interface FleetDeps {
  readonly sleep: Sleep;
}

/** The fleet commands with their dependencies injected. */
export const makeFleetCommands = (deps: FleetDeps): readonly Command[] => {
  const loop = loopSteps(deps.sleep);
  return [
    fleetRegistry,
    makeFleetReconcile(loop),
    fleetPolicy,
    makeFleetHandoff(loop),
    fleetStatusCommand,
    ...fleetPromotionCommands,
    fleetHorizonBridge,
  ];
};

export const fleetCommands: readonly Command[] = makeFleetCommands({ sleep: realSleep });
