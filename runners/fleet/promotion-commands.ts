// The promotion commands, in the order --help lists them; the fleet command table appends them.
import type { Command } from '../cli/command.js';
import { fleetPromotionApply } from './promotion-apply.js';
import { fleetPromotionCi } from './promotion-ci.js';
import { fleetPromotionController } from './promotion-controller.js';
import { fleetPromotionGates } from './promotion-gates.js';
import { fleetPromotionOrchestrate } from './promotion-orchestrate.js';

export const fleetPromotionCommands: readonly Command[] = [
  fleetPromotionGates,
  fleetPromotionCi,
  fleetPromotionApply,
  fleetPromotionOrchestrate,
  fleetPromotionController,
];
