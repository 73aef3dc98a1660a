// Folding a log opsfold owns (a delivery ledger, say) from its checkpoint in a CheckpointStore,
// forgivingly: a checkpoint that no longer matches the file is not an error (the file is ours), so the
// fold starts over and says why; a missing file is the projection's initial state. The fold is
// foldSource's, so the checkpoint comes back as an effect for the caller to apply.
import { existsSync } from 'node:fs';
import type { Projection } from '../core/projection.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { foldSource, type SourceFold } from './fold-source.js';
import { fileSource, type FileSourceOptions } from './source.js';

export type OwnedFold<S> =
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'folded';
      readonly fold: Extract<SourceFold<S>, { kind: 'folded' }>;
      /** Why the checkpoint was dropped and the file refolded from its start, or null. */
      readonly refolded: { readonly kind: 'truncated' | 'rotated'; readonly detail: string } | null;
    };

export interface OwnedLogOptions<E> extends FileSourceOptions<E> {
  readonly checkpoints: CheckpointStore;
  /** The checkpoint's key in `checkpoints`. */
  readonly key: string;
}

export const foldOwnedLog = async <S, E>(
  file: string,
  projection: Projection<S, E>,
  opts: OwnedLogOptions<E>,
): Promise<OwnedFold<S>> => {
  if (!existsSync(file)) return { kind: 'missing' };
  const source = fileSource<E>(file, { decode: opts.decode, skipCorrupt: opts.skipCorrupt });
  const at = { checkpoints: opts.checkpoints, key: opts.key };
  const first = await foldSource(source, projection, at);
  if (first.kind === 'folded') return { kind: 'folded', fold: first, refolded: null };
  const again = await foldSource(source, projection, at, { fromStart: true });
  // From the start there is no saved cursor to disagree with.
  if (again.kind !== 'folded') throw new Error(`${file}: ${again.kind}: ${again.detail}`);
  return { kind: 'folded', fold: again, refolded: { kind: first.kind, detail: first.detail } };
};
