// The dashboard's incremental folds: a log is folded from its checkpoint, so an update reads only the
// bytes appended since. A log rotated or truncated under its checkpoint is folded again from its start
// (the dashboard only reads; starting over is always safe) with a note saying so.
import type * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '../../lib/core/projection.js';
import { foldOutcome, restartNote, saveFailedNote, tornNote } from '../../lib/dashboard/fold-outcome.js';
import { unreadArtifact, unreadOutcome, type FoldOutcome } from '../../lib/dashboard/fold-outcome.js';
import type { Tracked } from '../../lib/dashboard/tracked.js';
import type { CheckpointStore } from '../../lib/io/checkpoint-store.js';
import { foldSource, type SourceFold } from '../../lib/io/fold-source.js';
import { fileSource } from '../../lib/io/source.js';
import { refusalOf, sizeOf } from './file-checks.js';

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

const fold = async <S, Ev>(spec: FoldSpec<S, Ev>, notes: string[]) => {
  const source = fileSource(spec.file, { decode: spec.decode, skipCorrupt: true });
  const at = { checkpoints: spec.checkpoints, key: spec.key };
  const first = await foldSource(source, spec.projection, at);
  if (first.kind === 'folded') return first;
  notes.push(restartNote(spec.shownAs, first.kind));
  const again = await foldSource(source, spec.projection, at, { fromStart: true });
  if (again.kind !== 'folded') throw new Error(`${spec.shownAs}: ${again.detail}`);
  return again;
};

/** Why `spec.file` is not folded (refused, missing, empty), or null when it is to be. */
export const unreadOf = async (spec: Pick<FoldSpec<unknown, unknown>, 'file' | 'root' | 'shownAs'>) => {
  const refused = await refusalOf(spec.root, spec.file);
  return unreadArtifact(spec.shownAs, refused, refused === null ? await sizeOf(spec.file) : null);
};

/** Folds `spec.file` from its checkpoint, saves the new checkpoint when the cursor moved. */
export const foldIncremental = async <S, Ev>(spec: FoldSpec<S, Ev>): Promise<FoldOutcome<S>> => {
  const unread = await unreadOf(spec);
  if (unread !== null) return unreadOutcome(spec.projection.initial, unread);
  const notes: string[] = [];
  return settle(spec, await fold(spec, notes), notes);
};

/** What the page keeps of a finished fold, its new checkpoint saved when the cursor moved. */
export const settle = async <S>(
  spec: Pick<FoldSpec<S, unknown>, 'shownAs' | 'checkpoints'>,
  folded: SourceFold<Tracked<S>> & { readonly kind: 'folded' },
  notes: readonly string[],
): Promise<FoldOutcome<S>> => {
  const { outcome, save } = foldOutcome(spec.shownAs, folded, notes);
  const saved =
    save === null
      ? []
      : await spec.checkpoints.save(save.key, save.checkpoint).then(
          () => [],
          (err: Error) => [saveFailedNote(save.key, err.message)],
        );
  return { ...outcome, notes: [...outcome.notes, ...saved, ...tornNote(spec.shownAs, outcome)] };
};
