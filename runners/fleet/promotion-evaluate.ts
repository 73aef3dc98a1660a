// The shared body of `fleet promotion-gates` and `fleet promotion-ci`: the evidence is read through the
// edge (lib/fleet/promotion-gather.ts decides what to read and what a missing file means), the decision
// is lib/fleet (pure); this file builds the reads, names things and records the decision.
import { existsSync } from 'node:fs';
import * as t from 'io-ts';
import type { PromotionDocument } from '../../lib/fleet/promotion-decision.js';
import { evaluatePromotion as evaluate, type PromotionReads } from '../../lib/fleet/promotion-gather.js';
import type { PromotionThresholds } from '../../lib/fleet/promotion-gates.js';
import { promotionEffects } from '../../lib/fleet/promotion-layout.js';
import { decodeJsonLine } from '../../lib/fleet/promotion-window.js';
import { memoryCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { foldSource } from '../../lib/io/fold-source.js';
import { fileSource } from '../../lib/io/source.js';
import type { Io, Values } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { CliError } from '../cli/errors.js';
import { problemDetail } from '../cli/json-doc.js';
import { fleetTraceOf } from './common.js';
import { applyFleetEffects, readFleetDoc } from './edge.js';
import { refusal } from './logs.js';
import type { PromotionPaths } from './promotion-paths.js';

/** Promotion's reads over the edge; a whole-log fold keeps no checkpoint (the window is recomputed). */
const readsOf = (p: PromotionPaths): PromotionReads => ({
  exists: async (file) => existsSync(file),
  doc: async (loc) => {
    const got = await readFleetDoc(p, loc.file, t.unknown);
    if (got.kind === 'problem') return { kind: 'problem', detail: problemDetail(loc.shown, got.problem) };
    return got.kind === 'found' ? { kind: 'found', value: got.value } : { kind: 'missing' };
  },
  foldWhole: async (loc, projection, what) => {
    const refused = await refusal(p, loc.file);
    if (refused !== null)
      throw new CliError(`invalid ${what} JSONL: ${loc.shown}`, [`${loc.shown}: refused: ${refused}`]);
    const source = fileSource(loc.file, { decode: decodeJsonLine, skipCorrupt: true });
    const r = await foldSource(source, projection, { checkpoints: memoryCheckpointStore(), key: loc.file });
    if (r.kind !== 'folded') throw new CliError(`invalid ${what} JSONL: ${loc.shown}`, [r.detail]);
    return r;
  },
});

/** Reads the evidence and decides; writes nothing. */
export const evaluatePromotion = async (
  v: Values,
  io: Io,
  p: PromotionPaths,
  thresholds: PromotionThresholds,
): Promise<PromotionDocument> => {
  const asOf = asOfOf(v, io);
  const traceId = fleetTraceOf(v, io);
  return evaluate(readsOf(p), p, { thresholds, asOf, traceId });
};

/** Records a decision: the history row first (append-only, under its lock), then the latest state. */
export const persistPromotion = (p: PromotionPaths, doc: PromotionDocument): Promise<void> =>
  applyFleetEffects(p, promotionEffects(p, doc));
