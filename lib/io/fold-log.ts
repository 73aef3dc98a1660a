// Folding a log opsfold owns (a delivery ledger, say) from its checkpoint, forgivingly: a checkpoint
// that no longer matches the file is not an error (the file is ours), so the fold starts over and says
// why; a missing file is the projection's initial state. Saving the checkpoint stays the caller's step.
import { existsSync } from 'node:fs';
import type { Projection } from '../core/projection.js';
import { foldFile, type FoldFileOptions, type FoldFileResult } from './fold-file.js';
import { SourceChangedError } from './jsonl-errors.js';

export type OwnedFold<S> =
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'folded';
      readonly result: FoldFileResult<S>;
      /** Why the checkpoint was dropped and the file refolded from its start, or null. */
      readonly refolded: string | null;
    };

export const foldOwnedLog = async <S, E>(
  file: string,
  projection: Projection<S, E>,
  opts: FoldFileOptions<E> & { readonly checkpointPath: string },
): Promise<OwnedFold<S>> => {
  if (!existsSync(file)) return { kind: 'missing' };
  try {
    return {
      kind: 'folded',
      result: await foldFile(file, projection, { ...opts, fromStart: false }),
      refolded: null,
    };
  } catch (err) {
    if (!(err instanceof SourceChangedError)) throw err;
    const result = await foldFile(file, projection, { ...opts, fromStart: true });
    return { kind: 'folded', result, refolded: err.message };
  }
};
