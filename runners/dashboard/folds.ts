// The dashboard's incremental folds: each log is folded from its checkpoint under
// <state-dir>/dashboard/<loop>/checkpoints/, so an update reads only the bytes appended since the
// last one. Corrupt lines never stop the page: they are skipped, remembered in the state with their
// place, and shown as file:line. A log rotated or truncated under its checkpoint is folded again from
// its start (the dashboard only reads; starting over is always safe) with a note saying so.
import { promises as fsp } from 'node:fs';
import type * as E from 'fp-ts/lib/Either.js';
import type { Cursor } from '../../lib/core/position.js';
import { cursorStart } from '../../lib/core/position.js';
import type { Projection } from '../../lib/core/projection.js';
import { foldFile, saveFoldCheckpoint, type FoldFileResult } from '../../lib/io/fold-file.js';
import { SourceChangedError } from '../../lib/io/jsonl-errors.js';
import { corruptLine, type ArtifactState } from '../../lib/dashboard/artifact-state.js';
import { refusalOf } from './loop-files.js';
import { addCorrupt, firstCorrupt, type Tracked } from '../../lib/dashboard/tracked.js';

export interface FoldSpec<S, Ev> {
  readonly file: string;
  /** The repo: a log whose real location is outside it, or that is not a regular file, is refused. */
  readonly root: string;
  /** How the file is shown on the page. */
  readonly shownAs: string;
  readonly projection: Projection<Tracked<S>, Ev>;
  readonly checkpointPath: string;
  /** Each parsed line to the projection's record, or why it is corrupt. */
  readonly decode: (v: unknown) => E.Either<string, Ev>;
}

export interface FoldOutcome<S> {
  readonly state: Tracked<S>;
  readonly cursor: Cursor;
  readonly artifact: ArtifactState;
  readonly tornTail: { readonly byteOffset: number; readonly bytes: number } | null;
  readonly notes: readonly string[];
}

const sizeOf = async (file: string): Promise<number | null> => {
  try {
    return (await fsp.stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};

const run = async <S, Ev>(spec: FoldSpec<S, Ev>, notes: string[]): Promise<FoldFileResult<Tracked<S>>> => {
  const opts = { checkpointPath: spec.checkpointPath, decode: spec.decode, skipCorrupt: true };
  try {
    return await foldFile(spec.file, spec.projection, opts);
  } catch (err) {
    if (!(err instanceof SourceChangedError)) throw err;
    notes.push(
      `${spec.shownAs} was ${err.kind} under the dashboard's checkpoint; folded again from its start`,
    );
    return foldFile(spec.file, spec.projection, { ...opts, fromStart: true });
  }
};

const artifactOf = <S, Ev>(spec: FoldSpec<S, Ev>, state: Tracked<S>): ArtifactState => {
  const bad = firstCorrupt(state);
  return bad === null ? { file: spec.shownAs, kind: 'ok' } : corruptLine(spec.shownAs, bad, bad.reason);
};

/** Folds `spec.file` from its checkpoint, saves the new checkpoint when the cursor moved. */
export const foldIncremental = async <S, Ev>(spec: FoldSpec<S, Ev>): Promise<FoldOutcome<S>> => {
  const initial = spec.projection.initial;
  const none = { state: initial, cursor: cursorStart, tornTail: null, notes: [] };
  const refused = await refusalOf(spec.root, spec.file);
  if (refused !== null)
    return {
      ...none,
      artifact: corruptLine(spec.shownAs, { line: 1, byteOffset: 0 }, `refused: ${refused}`),
    };
  const size = await sizeOf(spec.file);
  if (size === null) return { ...none, artifact: { file: spec.shownAs, kind: 'missing' } };
  if (size === 0) return { ...none, artifact: { file: spec.shownAs, kind: 'empty' } };
  const notes: string[] = [];
  const result = await run(spec, notes);
  notes.push(...result.notes);
  const found = result.corrupt.map((c) => ({
    line: c.position.line,
    byteOffset: c.position.byteOffset,
    reason: c.reason,
  }));
  const state = addCorrupt(result.state, found);
  const moved = result.resumedFrom === null || result.cursor.byteOffset !== result.resumedFrom.byteOffset;
  if (moved && result.cursor.byteOffset > 0)
    await saveFoldCheckpoint(spec.checkpointPath, spec.file, spec.projection, { ...result, state }).catch(
      (err: Error) =>
        notes.push(
          `cannot save the checkpoint ${spec.checkpointPath} (${err.message}); give a writable --state-dir`,
        ),
    );
  const tornTail = result.end.tornTail;
  if (tornTail !== null)
    notes.push(
      `${spec.shownAs}: ${tornTail.bytes} byte(s) of an unfinished last line at byte ${tornTail.byteOffset}`,
    );
  return { state, cursor: result.cursor, artifact: artifactOf(spec, state), tornTail, notes };
};
