// The idempotency ledger on disk: `.opsfold/loop/<loop>/control-idempotency.jsonl`, folded from its
// checkpoint (only appended records are read) and appended one record at a time. Callers hold the
// loop's lock, so a `started` record without its `completed` one can only come from a run that died.
// A torn or unreadable line is quarantined, never fatal: the record it held was written before any
// effect (started) or after it (completed), so losing it can only make a key look in flight.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { foldFile, saveFoldCheckpoint } from '../../../lib/io/fold-file.js';
import { SourceChangedError } from '../../../lib/io/jsonl-errors.js';
import {
  decodeLedgerRecord,
  idempotencyProjection,
  type LedgerRecord,
  type LedgerState,
} from '../../../lib/loop/idempotency.js';
import { quarantine } from '../quarantine.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import { appendArtifact, loopRoots } from '../../cli/artifacts.js';

export const ledgerFile = (p: LoopPaths): string => join(p.opsfoldDir, 'control-idempotency.jsonl');
const checkpointOf = (p: LoopPaths): string =>
  join(p.opsfoldDir, 'checkpoints', `${idempotencyProjection.name}.json`);

/** The folded ledger (initial when the file does not exist yet). */
export const foldLedger = async (p: LoopPaths, asOf: string): Promise<LedgerState> => {
  const file = ledgerFile(p);
  if (!existsSync(file)) return idempotencyProjection.initial;
  const options = { checkpointPath: checkpointOf(p), decode: decodeLedgerRecord, skipCorrupt: true };
  // A ledger replaced under its checkpoint is folded again from its first line: it is opsfold's own
  // file, and the only safe reading of it is the whole of what it now holds.
  const fold = await foldFile(file, idempotencyProjection, options).catch((err: unknown) => {
    if (err instanceof SourceChangedError)
      return foldFile(file, idempotencyProjection, { ...options, fromStart: true });
    throw err;
  });
  await quarantine(p.opsfoldDir, file, fold.corrupt, asOf);
  await saveFoldCheckpoint(checkpointOf(p), file, idempotencyProjection, fold);
  return fold.state;
};

/** Appends one ledger record (fsynced before it counts). */
export const appendLedger = (p: LoopPaths, record: LedgerRecord): Promise<void> =>
  appendArtifact(loopRoots(p), ledgerFile(p), [record]);
