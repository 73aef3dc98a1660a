// The controller's stages at the edge: opsfold's own `fleet promotion-orchestrate` and
// `fleet promotion-ci`, run in process with the run's --as-of (so one fixed instant holds for every
// stage), or the scripts an operator names, as the reference allows:
// OPS_MANAGER_PROMOTION_ORCHESTRATE_SCRIPT, OPS_MANAGER_PROMOTION_CI_SCRIPT (run as processes).
import { resolve } from 'node:path';
import * as t from 'io-ts';
import type { ControllerPorts, JsonRead } from '../../lib/fleet/promotion-controller.js';
import { readDocument } from '../../lib/io/store.js';
import { str, type Io, type Values } from '../cli/command.js';
import { fleetPromotionCi } from './promotion-ci.js';
import { fleetPromotionOrchestrate } from './promotion-orchestrate.js';
import { stepPort } from './promotion-orchestrate-ports.js';

const readJson = async (io: Io, file: string): Promise<JsonRead> => {
  const read = await readDocument(resolve(io.cwd, file), t.unknown);
  if (read.kind === 'found') return { kind: 'found', value: read.value };
  // There but unreadable or not JSON: invalid, as `jq` finds it after the reference's `-f` test.
  return read.kind === 'missing' ? { kind: 'missing' } : { kind: 'invalid' };
};

/** The ports the controller's stages run through. */
export const controllerPorts = (io: Io, v: Values): ControllerPorts => {
  const asOf = str(v, 'as-of');
  const own = asOf === undefined ? [] : ['--as-of', asOf];
  return {
    orchestrate: stepPort(io, 'OPS_MANAGER_PROMOTION_ORCHESTRATE_SCRIPT', fleetPromotionOrchestrate, own),
    ci: stepPort(io, 'OPS_MANAGER_PROMOTION_CI_SCRIPT', fleetPromotionCi, own),
    readJson: (file) => readJson(io, file),
  };
};
