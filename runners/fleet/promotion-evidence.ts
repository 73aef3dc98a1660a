// Promotion's evidence logs and drill file: the handoff window and the auto-pause streak folded whole
// through a Source (a corrupt line is evidence, not an error), and the drill state. Missing files are
// evidence (reason codes), as in the reference; a log symlinked out of the repo or a FIFO is refused.
import { existsSync } from 'node:fs';
import * as t from 'io-ts';
import type { Projection } from '../../lib/core/projection.js';
import { autopauseStreakProjection, type AutopauseStreakState } from '../../lib/fleet/promotion-autopause.js';
import type { DrillEvidence, HandoffEvidence } from '../../lib/fleet/promotion-gates.js';
import { drillStateOf } from '../../lib/fleet/promotion-inputs.js';
import { decodeJsonLine, handoffWindowProjection } from '../../lib/fleet/promotion-window.js';
import { memoryCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { foldSource } from '../../lib/io/fold-source.js';
import { fileSource } from '../../lib/io/source.js';
import { CliError } from '../cli/errors.js';
import { foundOr } from '../cli/json-doc.js';
import { readFleetDoc } from './edge.js';
import { refusal } from './logs.js';
import type { Loc, PromotionPaths } from './promotion-paths.js';

/** Folds a whole log (no checkpoint: the window is recomputed on every run), skipping bad lines. */
const foldWhole = async <S>(
  p: PromotionPaths,
  loc: Loc,
  projection: Projection<S, unknown>,
  what: string,
) => {
  const refused = await refusal(p, loc.file);
  if (refused !== null)
    throw new CliError(`invalid ${what} JSONL: ${loc.shown}`, [`${loc.shown}: refused: ${refused}`]);
  const source = fileSource(loc.file, { decode: decodeJsonLine, skipCorrupt: true });
  const r = await foldSource(source, projection, { checkpoints: memoryCheckpointStore(), key: loc.file });
  if (r.kind !== 'folded') throw new CliError(`invalid ${what} JSONL: ${loc.shown}`, [r.detail]);
  return r;
};

/** The last `windowExecutions` autonomous executions; a corrupt line marks the telemetry invalid. */
export const readHandoffEvidence = async (
  p: PromotionPaths,
  windowExecutions: number,
): Promise<HandoffEvidence> => {
  const loc = p.handoffTelemetry;
  if (!existsSync(loc.file)) return { kind: 'missing' };
  const folded = await foldWhole(p, loc, handoffWindowProjection(windowExecutions), 'handoff telemetry');
  const bad = folded.corrupt[0];
  return {
    kind: 'read',
    window: folded.state,
    corrupt: bad === undefined ? null : { ...bad.position, reason: bad.reason },
  };
};

/** The drill evidence; an unparsable or malformed file is `invalid`, with its reason. */
export const readDrillEvidence = async (p: PromotionPaths): Promise<DrillEvidence> => {
  const loc = p.drillState;
  if (!existsSync(loc.file)) return { kind: 'missing' };
  try {
    const doc = foundOr(
      await readFleetDoc(p, loc.file, t.unknown),
      `invalid drill state JSON: ${loc.shown}`,
      loc.shown,
    );
    return doc.found ? drillStateOf(doc.value) : { kind: 'missing' };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { kind: 'invalid', reason: err.details[0] ?? err.errorLine };
  }
};

/** The trailing auto-pause streak of policy evaluations; null when there is no policy telemetry. */
export const readAutopauseStreak = async (p: PromotionPaths): Promise<AutopauseStreakState | null> => {
  if (!existsSync(p.policyTelemetry.file)) return null;
  return (await foldWhole(p, p.policyTelemetry, autopauseStreakProjection, 'policy telemetry')).state;
};
