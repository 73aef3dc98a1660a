// Promotion's fleet status facts: from the fleet state files (as `fleet status` would report them), or
// from a status file named by flag. A missing fleet state or a broken registry or state document is an
// error, because no status can be derived from them.
import { existsSync } from 'node:fs';
import {
  asRecord,
  autonomousFactsOf,
  registryShapeErrors,
  type AutonomousFacts,
} from '../../lib/fleet/promotion-inputs.js';
import { fleetStatusAutonomous } from '../../lib/fleet/promotion-status-view.js';
import { decodePromotionHandoff, decodePromotionPolicy } from '../../lib/fleet/promotion-views.js';
import * as t from 'io-ts';
import { CliError } from '../cli/errors.js';
import { foundOr } from '../cli/json-doc.js';
import { readFleetDoc } from './edge.js';
import type { Loc, PromotionPaths } from './promotion-paths.js';

const docAt = async (p: PromotionPaths, loc: Loc, errorLine: string) =>
  foundOr(await readFleetDoc(p, loc.file, t.unknown), errorLine, loc.shown);

/** A JSON document that must parse to an object (null when absent and allowed to be). */
const objectDoc = async (p: PromotionPaths, loc: Loc, what: string): Promise<unknown> => {
  const doc = await docAt(p, loc, `invalid ${what} JSON: ${loc.shown}`);
  if (!doc.found) return null;
  if (asRecord(doc.value) === null) {
    throw new CliError(`invalid ${what} JSON: ${loc.shown}`, [`${loc.shown}: not a JSON object`]);
  }
  return doc.value;
};

const checkRegistry = async (p: PromotionPaths, loc: Loc): Promise<void> => {
  if (!existsSync(loc.file)) throw new CliError(`fleet registry file not found: ${loc.shown}`);
  const doc = await docAt(p, loc, `invalid fleet registry JSON: ${loc.shown}`);
  const errors = doc.found ? registryShapeErrors(doc.value) : [];
  if (errors.length > 0) {
    throw new CliError(`invalid fleet registry: ${loc.shown}`, [
      ...errors.map((e) => `- ${e}`),
      'see: opsfold fleet registry --repo <repo>',
    ]);
  }
};

/** Fleet status facts as `fleet status` would report them at `asOfMs`, from the fleet's state files. */
const generatedFacts = async (p: PromotionPaths, asOfMs: number): Promise<AutonomousFacts> => {
  if (!existsSync(p.fleetState.file)) {
    throw new CliError(`fleet state file not found: ${p.fleetState.shown}`, [
      'promotion derives fleet status from the fleet state files; run opsfold fleet reconcile first,',
      'or pass --fleet-status-file',
    ]);
  }
  await checkRegistry(p, p.registry);
  await objectDoc(p, p.fleetState, 'fleet state');
  const policy = decodePromotionPolicy(await objectDoc(p, p.policyState, 'policy state'));
  const handoff = decodePromotionHandoff(await objectDoc(p, p.handoffState, 'handoff state'));
  return autonomousFactsOf({ autonomous: fleetStatusAutonomous(policy, handoff, asOfMs) });
};

/** The status facts and where they came from. */
export const readStatusFacts = async (
  p: PromotionPaths,
  asOfMs: number,
): Promise<{ facts: AutonomousFacts; source: 'generated' | 'file' }> => {
  if (p.fleetStatus === null) return { facts: await generatedFacts(p, asOfMs), source: 'generated' };
  if (!existsSync(p.fleetStatus.file)) {
    throw new CliError(`fleet status file not found: ${p.fleetStatus.shown}`);
  }
  const doc = await docAt(p, p.fleetStatus, `invalid fleet status JSON: ${p.fleetStatus.shown}`);
  return { facts: autonomousFactsOf(doc.found ? doc.value : null), source: 'file' };
};
