// What the page keeps of one incremental fold: the tracked state with the corrupt lines the pass
// skipped, the artifact's state, the torn tail and the notes for the operator, and the checkpoint to
// save (only when the cursor moved; a checkpoint at byte 0 would save nothing worth resuming). Pure:
// the runner folds the Source and saves the checkpoint through its CheckpointStore.
import type { Cursor } from '../core/position.js';
import type { Effect } from '../io/effects.js';
import type { SourceFold } from '../io/fold-source.js';
import { corruptLine } from './artifact-state.js';
import type { ArtifactState } from './outputs.js';
import { addCorrupt, firstCorrupt, type Tracked } from './tracked.js';

export interface FoldOutcome<S> {
  readonly state: Tracked<S>;
  readonly cursor: Cursor;
  readonly artifact: ArtifactState;
  readonly tornTail: { readonly byteOffset: number; readonly bytes: number } | null;
  readonly notes: readonly string[];
}

type Folded<S> = SourceFold<Tracked<S>> & { readonly kind: 'folded' };

/** Pure: the outcome of a log that was not read (missing, empty or refused). */
export const unreadOutcome = <S>(initial: Tracked<S>, artifact: ArtifactState): FoldOutcome<S> => ({
  state: initial,
  cursor: { byteOffset: 0, lines: 0 },
  artifact,
  tornTail: null,
  notes: [],
});

/**
 * Pure: the state of a log that is not folded (refused: outside the repo or not a regular file; size
 * null: missing; 0: empty), or null when it is to be folded.
 */
export const unreadArtifact = (
  shownAs: string,
  refused: string | null,
  size: number | null,
): ArtifactState | null => {
  if (refused !== null) return corruptLine(shownAs, { line: 1, byteOffset: 0 }, `refused: ${refused}`);
  if (size === null) return { file: shownAs, kind: 'missing' };
  return size === 0 ? { file: shownAs, kind: 'empty' } : null;
};

/** Pure: the note when a log changed under its checkpoint and was folded again. */
export const restartNote = (shownAs: string, kind: string): string =>
  `${shownAs} was ${kind} under the dashboard's checkpoint; folded again from its start`;

/** Pure: the note when the checkpoint could not be saved (the page still shows the fold). */
export const saveFailedNote = (key: string, why: string): string =>
  `cannot save the checkpoint ${key} (${why}); give a writable --state-dir`;

/** Pure: the outcome of a fold (its notes but the torn-tail one) and the checkpoint to save after it (null when the cursor did not move). */
export const foldOutcome = <S>(
  shownAs: string,
  fold: Folded<S>,
  notes: readonly string[],
): { readonly outcome: FoldOutcome<S>; readonly save: (Effect & { kind: 'checkpoint' }) | null } => {
  const found = fold.corrupt.map((c) => ({
    line: c.position.line,
    byteOffset: c.position.byteOffset,
    reason: c.reason,
  }));
  const state = addCorrupt(fold.state, found);
  const cursor = fold.end.cursor;
  const moved = fold.resumedFrom === null || cursor.byteOffset !== fold.resumedFrom.byteOffset;
  const cp = fold.checkpoint;
  const save = moved && cursor.byteOffset > 0 ? { ...cp, checkpoint: { ...cp.checkpoint, state } } : null;
  const tornTail = fold.end.tornTail;
  const bad = firstCorrupt(state);
  const artifact: ArtifactState =
    bad === null ? { file: shownAs, kind: 'ok' } : corruptLine(shownAs, bad, bad.reason);
  return { outcome: { state, cursor, artifact, tornTail, notes: [...notes, ...fold.notes] }, save };
};

/** Pure: the note on an unfinished last line, said last (after any note on saving the checkpoint). */
export const tornNote = (shownAs: string, o: FoldOutcome<unknown>): readonly string[] =>
  o.tornTail === null
    ? []
    : [`${shownAs}: ${o.tornTail.bytes} byte(s) of an unfinished last line at byte ${o.tornTail.byteOffset}`];
