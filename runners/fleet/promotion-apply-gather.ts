// What `fleet promotion-apply` reads, through the fleet's edge: the promotion decision, the registry
// document and the record last applied under the idempotency key (the apply telemetry folded from its
// checkpoint; a corrupt line fails closed with file:line:byte rather than re-applying a change).
import { existsSync } from 'node:fs';
import * as t from 'io-ts';
import { promotionDecisionOf } from '../../lib/fleet/promotion-apply-codecs.js';
import { applyLedgerProjection, priorApplyOf } from '../../lib/fleet/promotion-apply-ledger.js';
import type { ApplyFacts } from '../../lib/fleet/promotion-apply.js';
import type { Effect } from '../../lib/io/effects.js';
import { CliError } from '../cli/errors.js';
import { foundOr } from '../cli/json-doc.js';
import { readFleetDoc } from './edge.js';
import { foldLog } from './logs.js';
import type { ApplyPaths } from './promotion-apply-paths.js';

const promotionDecision = async (p: ApplyPaths): Promise<string | null> => {
  const loc = p.promotionState;
  if (!existsSync(loc.file)) throw new CliError(`promotion state file not found: ${loc.shown}`);
  const doc = foundOr(
    await readFleetDoc(p, loc.file, t.unknown),
    `invalid promotion state JSON: ${loc.shown}`,
    loc.shown,
  );
  return doc.found ? promotionDecisionOf(doc.value) : null;
};

const registryDoc = async (p: ApplyPaths): Promise<ApplyFacts['registry']> => {
  const doc = foundOr(
    await readFleetDoc(p, p.registry.file, t.unknown),
    'failed to read/validate fleet registry',
    p.registry.shown,
  );
  return doc.found ? { kind: 'found', value: doc.value } : { kind: 'missing' };
};

/** The facts of one apply run, and the ledger checkpoint to save after its effects. */
export const gatherApply = async (
  p: ApplyPaths,
  idempotencyKey: string | null,
): Promise<{ readonly facts: ApplyFacts; readonly checkpoint: readonly Effect[] }> => {
  const promotion = await promotionDecision(p);
  const ledger =
    idempotencyKey === null
      ? { state: applyLedgerProjection.initial, effects: [] }
      : await foldLog(p, p.applyTelemetry.file, applyLedgerProjection, {
          fromStart: false,
          errorLine: `invalid promotion apply telemetry JSONL: ${p.applyTelemetry.shown}`,
        });
  const facts = {
    promotionDecision: promotion,
    registry: await registryDoc(p),
    prior: priorApplyOf(ledger.state, idempotencyKey),
  };
  return { facts, checkpoint: ledger.effects };
};
