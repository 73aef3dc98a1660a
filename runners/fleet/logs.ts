// Reading the fleet's own logs and documents: JSONL folds resumed from opsfold checkpoints (only the
// appended bytes are read on a re-run), with the reference's `error:` line for a corrupt log and
// file:line:byte on the next; the last line of a log for "latest" views; and JSON documents.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Projection } from '../../lib/core/projection.js';
import { foldFile, saveFoldCheckpoint, type FoldFileResult } from '../../lib/io/fold-file.js';
import { CorruptLineError, SourceChangedError } from '../../lib/io/jsonl-errors.js';
import { lastRecord } from '../../lib/io/last-record.js';
import { existsSync } from 'node:fs';
import { decodeTelemetryObject } from '../../lib/fleet/handoff-history.js';
import { CliError } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';

export interface Folded<S> {
  readonly state: S;
  /** Saves the checkpoint; call after the outputs that depend on the fold are written. */
  readonly commit: () => Promise<void>;
}

/** Folds a fleet log (missing: the initial state) with a checkpoint under `opsfoldDir/checkpoints`. */
export const foldLog = async <S>(
  file: string,
  projection: Projection<S, unknown>,
  o: { readonly opsfoldDir: string; readonly fromStart: boolean; readonly errorLine: string },
): Promise<Folded<S>> => {
  if (!existsSync(file)) return { state: projection.initial, commit: async () => undefined };
  // One checkpoint per projection and log file: two commands folding the same log share it, and a
  // log given by flag at another path never resumes from the default log's cursor.
  const tag = createHash('sha256').update(file).digest('hex').slice(0, 12);
  const checkpointPath = join(o.opsfoldDir, 'checkpoints', `${projection.name}-${tag}.json`);
  let r: FoldFileResult<S>;
  try {
    r = await foldFile(file, projection, {
      checkpointPath,
      fromStart: o.fromStart,
      decode: decodeTelemetryObject,
    });
  } catch (err) {
    if (err instanceof CorruptLineError)
      throw new CliError(o.errorLine, [`${err.file}:${err.line}:${err.byteOffset}: ${err.reason}`]);
    if (err instanceof SourceChangedError) throw new CliError(o.errorLine, [err.message]);
    throw err;
  }
  return { state: r.state, commit: () => saveFoldCheckpoint(checkpointPath, file, projection, r) };
};

/** The last complete line of a log as JSON, or null (missing, empty or unparsable, as `tail -n 1 | jq`). */
export const lastLine = async (file: string): Promise<unknown> => {
  const r = await lastRecord(file);
  return r.kind === 'record' ? r.value : null;
};

/** A JSON document, or null when the file does not exist; unparsable → `error: <errorLine>`. */
export const optionalDoc = async (file: string, errorLine: string): Promise<unknown> => {
  const d = await readJsonDoc(file, errorLine);
  return d.found ? d.value : null;
};

/** A JSON document that must exist (`error: <missingLine>` otherwise). */
export const requiredDoc = async (file: string, missingLine: string, errorLine: string): Promise<unknown> => {
  const d = await readJsonDoc(file, errorLine);
  if (!d.found) throw new CliError(missingLine);
  return d.value;
};
