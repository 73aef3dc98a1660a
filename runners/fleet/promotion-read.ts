// Reading promotion's evidence: the fleet status facts (from the fleet state files, or a status file),
// the handoff window and the auto-pause streak folded from their logs, and the drill evidence. Missing or
// unreadable telemetry and drill files are evidence (reason codes), as in the reference; a missing fleet
// state or a broken registry or state document is an error, because no status can be derived from them.
import { existsSync } from 'node:fs';
import { foldFile } from '../../lib/io/fold-file.js';
import { autopauseStreakProjection, type AutopauseStreakState } from '../../lib/fleet/promotion-autopause.js';
import type { DrillEvidence, HandoffEvidence } from '../../lib/fleet/promotion-gates.js';
import {
  asRecord,
  autonomousFactsOf,
  drillStateOf,
  registryShapeErrors,
  type AutonomousFacts,
} from '../../lib/fleet/promotion-inputs.js';
import { fleetStatusAutonomous } from '../../lib/fleet/promotion-status-view.js';
import { decodePromotionHandoff, decodePromotionPolicy } from '../../lib/fleet/promotion-views.js';
import { decodeJsonLine, handoffWindowProjection } from '../../lib/fleet/promotion-window.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { CliError } from '../cli/errors.js';
import type { Loc, PromotionPaths } from './promotion-paths.js';

/** A JSON document that must parse to an object (null when absent and allowed to be). */
const objectDoc = async (loc: Loc, what: string): Promise<unknown> => {
  const doc = await readJsonDoc(loc.file, `invalid ${what} JSON: ${loc.shown}`, loc.shown);
  if (!doc.found) return null;
  if (asRecord(doc.value) === null) {
    throw new CliError(`invalid ${what} JSON: ${loc.shown}`, [`${loc.shown}: not a JSON object`]);
  }
  return doc.value;
};

const checkRegistry = async (loc: Loc): Promise<void> => {
  if (!existsSync(loc.file)) throw new CliError(`fleet registry file not found: ${loc.shown}`);
  const doc = await readJsonDoc(loc.file, `invalid fleet registry JSON: ${loc.shown}`, loc.shown);
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
  await checkRegistry(p.registry);
  await objectDoc(p.fleetState, 'fleet state');
  const policy = decodePromotionPolicy(await objectDoc(p.policyState, 'policy state'));
  const handoff = decodePromotionHandoff(await objectDoc(p.handoffState, 'handoff state'));
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
  const doc = await readJsonDoc(
    p.fleetStatus.file,
    `invalid fleet status JSON: ${p.fleetStatus.shown}`,
    p.fleetStatus.shown,
  );
  return { facts: autonomousFactsOf(doc.found ? doc.value : null), source: 'file' };
};

/** The last `windowExecutions` autonomous executions; a corrupt line marks the telemetry invalid. */
export const readHandoffEvidence = async (loc: Loc, windowExecutions: number): Promise<HandoffEvidence> => {
  if (!existsSync(loc.file)) return { kind: 'missing' };
  const folded = await foldFile(loc.file, handoffWindowProjection(windowExecutions), {
    decode: decodeJsonLine,
    skipCorrupt: true,
  });
  const bad = folded.corrupt[0];
  return {
    kind: 'read',
    window: folded.state,
    corrupt: bad === undefined ? null : { ...bad.position, reason: bad.reason },
  };
};

/** The drill evidence; an unparsable or malformed file is `invalid`, with its reason. */
export const readDrillEvidence = async (loc: Loc): Promise<DrillEvidence> => {
  if (!existsSync(loc.file)) return { kind: 'missing' };
  try {
    const doc = await readJsonDoc(loc.file, `invalid drill state JSON: ${loc.shown}`, loc.shown);
    return doc.found ? drillStateOf(doc.value) : { kind: 'missing' };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { kind: 'invalid', reason: err.details[0] ?? err.errorLine };
  }
};

/** The trailing auto-pause streak of policy evaluations; null when there is no policy telemetry. */
export const readAutopauseStreak = async (loc: Loc): Promise<AutopauseStreakState | null> => {
  if (!existsSync(loc.file)) return null;
  const folded = await foldFile(loc.file, autopauseStreakProjection, {
    decode: decodeJsonLine,
    skipCorrupt: true,
  });
  return folded.state;
};
