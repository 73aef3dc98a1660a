// Loading the delivery ledger: an incremental fold from its checkpoint in the CheckpointStore (under
// the state dir, the file name as before). The ledger is opsfold's own file, so a checkpoint that no
// longer matches it is simply refolded from the start, and a line torn by a crash (sealed by the next
// append) is skipped with a note: it was never an acknowledgement. The checkpoint is applied at once:
// it covers only bytes already in the ledger, and nothing derived from it is lost by a crash after it.
import type { Edge } from '../io/node-edge.js';
import { decodeLedgerLine, deliveryLedgerProjection, type DeliveryLedgerState } from './ledger.js';

export interface LoadedLedger {
  readonly state: DeliveryLedgerState;
  readonly notes: readonly string[];
}

/** Where the ledger and its checkpoint are: the file, the state dir, the checkpoint's key there. */
export interface LedgerPlace {
  readonly file: string;
  readonly stateRoot: string;
  readonly checkpointKey: string;
}

/** Pure: the note of a refold, worded as the file fold words a source that changed under its checkpoint. */
const refoldNote = (file: string, r: { kind: string; detail: string }): string =>
  `${file}: ${r.kind}: ${r.detail}; rerun with --from-start to fold it again; refolding the delivery ledger from its start`;

/** Folds the ledger (from its checkpoint when it still matches) and saves the new checkpoint. */
export const loadLedger = async (edge: Edge, at: LedgerPlace): Promise<LoadedLedger> => {
  const checkpoints = edge.checkpoints(at.stateRoot);
  const folded = await edge.foldOwnedLog(at.file, deliveryLedgerProjection, {
    checkpoints,
    key: at.checkpointKey,
    decode: decodeLedgerLine,
    skipCorrupt: true,
  });
  if (folded.kind === 'missing') return { state: deliveryLedgerProjection.initial, notes: [] };
  const { fold } = folded;
  const notes = folded.refolded === null ? [] : [refoldNote(at.file, folded.refolded)];
  for (const c of fold.corrupt)
    notes.push(
      `${at.file}:${c.position.line}:${c.position.byteOffset}: skipped a torn ledger line (${c.reason})`,
    );
  await edge.applyEffects({ store: edge.store(at.stateRoot), checkpoints }, [fold.checkpoint]);
  return { state: fold.state, notes: [...fold.notes, ...notes] };
};
