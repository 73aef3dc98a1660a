// Loading the delivery ledger: an incremental fold from its checkpoint. The ledger is opsfold's own
// file, so a checkpoint that no longer matches it is simply refolded from the start, and a line torn by
// a crash (sealed by the next append) is skipped with a note: it was never an acknowledgement.
import type { Edge } from '../io/node-edge.js';
import { decodeLedgerLine, deliveryLedgerProjection, type DeliveryLedgerState } from './ledger.js';

export interface LoadedLedger {
  readonly state: DeliveryLedgerState;
  readonly notes: readonly string[];
}

/** Folds the ledger (from its checkpoint when it still matches) and saves the new checkpoint. */
export const loadLedger = async (edge: Edge, file: string, checkpointPath: string): Promise<LoadedLedger> => {
  const folded = await edge.foldOwnedLog(file, deliveryLedgerProjection, {
    checkpointPath,
    decode: decodeLedgerLine,
    skipCorrupt: true,
  });
  if (folded.kind === 'missing') return { state: deliveryLedgerProjection.initial, notes: [] };
  const { result } = folded;
  const notes =
    folded.refolded === null ? [] : [`${folded.refolded}; refolding the delivery ledger from its start`];
  for (const c of result.corrupt)
    notes.push(
      `${file}:${c.position.line}:${c.position.byteOffset}: skipped a torn ledger line (${c.reason})`,
    );
  await edge.saveFoldCheckpoint(checkpointPath, file, deliveryLedgerProjection, result);
  return { state: result.state, notes: [...result.notes, ...notes] };
};
