// Loading the delivery ledger: an incremental fold from its checkpoint. The ledger is opsfold's own
// file, so a checkpoint that no longer matches it is simply refolded from the start, and a line torn by
// a crash (sealed by the next append) is skipped with a note: it was never an acknowledgement.
import { existsSync } from 'node:fs';
import {
  decodeLedgerLine,
  deliveryLedgerProjection,
  type DeliveryLedgerState,
} from '../../lib/alerts/ledger.js';
import { foldFile, saveFoldCheckpoint, type FoldFileResult } from '../../lib/io/fold-file.js';
import { SourceChangedError } from '../../lib/io/jsonl-errors.js';

export interface LoadedLedger {
  readonly state: DeliveryLedgerState;
  readonly notes: readonly string[];
}

const fold = (file: string, checkpointPath: string, fromStart: boolean) =>
  foldFile(file, deliveryLedgerProjection, {
    checkpointPath,
    fromStart,
    decode: decodeLedgerLine,
    skipCorrupt: true,
  });

/** Folds the ledger (from its checkpoint when it still matches) and saves the new checkpoint. */
export const loadLedger = async (file: string, checkpointPath: string): Promise<LoadedLedger> => {
  if (!existsSync(file)) return { state: deliveryLedgerProjection.initial, notes: [] };
  const notes: string[] = [];
  let result: FoldFileResult<DeliveryLedgerState>;
  try {
    result = await fold(file, checkpointPath, false);
  } catch (err) {
    if (!(err instanceof SourceChangedError)) throw err;
    notes.push(`${err.message}; refolding the delivery ledger from its start`);
    result = await fold(file, checkpointPath, true);
  }
  for (const c of result.corrupt)
    notes.push(
      `${file}:${c.position.line}:${c.position.byteOffset}: skipped a torn ledger line (${c.reason})`,
    );
  await saveFoldCheckpoint(checkpointPath, file, deliveryLedgerProjection, result);
  return { state: result.state, notes: [...result.notes, ...notes] };
};
