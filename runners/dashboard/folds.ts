// The dashboard's incremental folds: each log is folded from its checkpoint in the loop's
// CheckpointStore, so an update reads only the bytes appended since the last one. Corrupt lines never
// stop the page: they are skipped and remembered in the state with their place. A log rotated or
// truncated under its checkpoint is folded again from its start (the dashboard only reads; starting
// over is always safe) with a note saying so.
import { promises as fsp } from 'node:fs';
import type * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '../../lib/core/projection.js';
import { foldOutcome, refusedLog, tornNote, unreadOutcome } from '../../lib/dashboard/fold-outcome.js';
import type { FoldOutcome } from '../../lib/dashboard/fold-outcome.js';
import type { Tracked } from '../../lib/dashboard/tracked.js';
import type { CheckpointStore } from '../../lib/io/checkpoint-store.js';
import { foldSource } from '../../lib/io/fold-source.js';
import { fileSource } from '../../lib/io/source.js';
import { refusalOf } from './file-checks.js';

export interface FoldSpec<S, Ev> {
  readonly file: string;
  /** The repo: a log whose real location is outside it, or that is not a regular file, is refused. */
  readonly root: string;
  /** How the file is shown on the page. */
  readonly shownAs: string;
  readonly projection: Projection<Tracked<S>, Ev>;
  /** Where the fold's checkpoint is kept, under `key`. */
  readonly checkpoints: CheckpointStore;
  readonly key: string;
  /** Each parsed line to the projection's record, or why it is corrupt. */
  readonly decode: (v: unknown) => E.Either<string, Ev>;
}

const sizeOf = (file: string): Promise<number | null> =>
  fsp.stat(file).then(
    (st) => st.size,
    (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)),
  );

const fold = async <S, Ev>(spec: FoldSpec<S, Ev>, notes: string[]) => {
  const source = fileSource(spec.file, { decode: spec.decode, skipCorrupt: true });
  const at = { checkpoints: spec.checkpoints, key: spec.key };
  const first = await foldSource(source, spec.projection, at);
  if (first.kind === 'folded') return first;
  notes.push(
    `${spec.shownAs} was ${first.kind} under the dashboard's checkpoint; folded again from its start`,
  );
  const again = await foldSource(source, spec.projection, at, { fromStart: true });
  if (again.kind !== 'folded') throw new Error(`${spec.shownAs}: ${again.detail}`);
  return again;
};

/** Folds `spec.file` from its checkpoint, saves the new checkpoint when the cursor moved. */
export const foldIncremental = async <S, Ev>(spec: FoldSpec<S, Ev>): Promise<FoldOutcome<S>> => {
  const initial = spec.projection.initial;
  const refused = await refusalOf(spec.root, spec.file);
  if (refused !== null) return unreadOutcome(initial, refusedLog(spec.shownAs, refused));
  const size = await sizeOf(spec.file);
  if (size === null) return unreadOutcome(initial, { file: spec.shownAs, kind: 'missing' });
  if (size === 0) return unreadOutcome(initial, { file: spec.shownAs, kind: 'empty' });
  const notes: string[] = [];
  const { outcome, save } = foldOutcome(spec.shownAs, await fold(spec, notes), notes);
  const saved =
    save === null
      ? []
      : await spec.checkpoints.save(save.key, save.checkpoint).then(
          () => [],
          (err: Error) => [
            `cannot save the checkpoint ${save.key} (${err.message}); give a writable --state-dir`,
          ],
        );
  return { ...outcome, notes: [...outcome.notes, ...saved, ...tornNote(spec.shownAs, outcome)] };
};
