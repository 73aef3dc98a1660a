// Folding one append-only file through a projection, resuming from its checkpoint: the glue every
// runner shares. It reads only the bytes after the checkpoint, refuses a source that was truncated
// or rotated under it (unless `fromStart`), and returns what to save; saving is the caller's step,
// after its outputs are written, so a crash in between re-folds the same bytes instead of losing them.
import type * as E from 'fp-ts/lib/Either.js';
import type { Projection, Positioned } from '../core/projection.js';
import type { Checkpoint, Cursor } from '../core/position.js';
import { cursorStart } from '../core/position.js';
import type { Sha256State } from '../core/sha256.js';
import { fsp } from './direct-fs.js';
import { digestRange, digestRangeInline, type RangeDigest } from './digest-range.js';
import { iterateJsonlBatches, type JsonlBatch, type JsonlEnd, type JsonlItem } from './jsonl.js';
import { SourceChangedError } from './jsonl-errors.js';
import { checkSource, fingerprintAt, loadCheckpoint, saveCheckpoint } from './checkpoints.js';

export interface FoldFileOptions<T> {
  readonly checkpointPath?: string | null;
  readonly fromStart?: boolean;
  readonly decode?: (value: unknown) => E.Either<string, T>;
  readonly skipCorrupt?: boolean;
  /** Keep a resumable sha256 of the consumed bytes (for artifact digests). */
  readonly digest?: boolean;
  /** Read no byte at or past this offset (default with `digest`: the size when the fold begins). */
  readonly until?: number;
  /**
   * Given where the fold starts, a consumer that sees every batch after the projection did (null: none),
   * so a second fold over the same bytes can ride on this read instead of reading them again.
   */
  readonly tap?: (start: Cursor) => ((batch: JsonlBatch<T>) => void) | null;
}

export interface FoldFileResult<S> {
  readonly state: S;
  readonly cursor: Cursor;
  readonly end: JsonlEnd;
  readonly corrupt: readonly (JsonlItem<unknown> & { kind: 'corrupt' })[];
  readonly digest: Sha256State | null;
  readonly resumedFrom: Cursor | null;
  readonly notes: readonly string[];
}

interface Start<S> {
  state: S;
  cursor: Cursor;
  digest: Sha256State | null;
  lastLine: JsonlEnd['lastLine'];
  notes: string[];
}

const startOf = async <S, E>(
  file: string,
  projection: Projection<S, E>,
  opts: FoldFileOptions<E>,
): Promise<Start<S>> => {
  const fresh: Start<S> = {
    state: projection.initial,
    cursor: cursorStart,
    digest: null,
    lastLine: null,
    notes: [],
  };
  if (opts.fromStart === true || opts.checkpointPath == null) return fresh;
  const { checkpoint, note } = await loadCheckpoint<S>(
    opts.checkpointPath,
    projection.name,
    projection.version,
  );
  if (note !== null) fresh.notes.push(note);
  if (checkpoint === null || (opts.digest === true && checkpoint.digest === undefined)) return fresh;
  const check = await checkSource(file, checkpoint);
  if (!check.ok)
    throw new SourceChangedError(
      file,
      check.kind,
      `${check.detail}; rerun with --from-start to fold it again`,
    );
  const { lastLineByteOffset: at } = checkpoint.source;
  const lastLine = at === null ? null : { byteOffset: at, end: checkpoint.cursor.byteOffset };
  return {
    state: checkpoint.state,
    cursor: checkpoint.cursor,
    digest: checkpoint.digest ?? null,
    lastLine,
    notes: fresh.notes,
  };
};

/** The digest at the fold's cursor; recomputed inline in the (unexpected) case the two disagree. */
const digestAt = async (
  file: string,
  start: Start<unknown>,
  cursor: Cursor,
  got: RangeDigest,
): Promise<Sha256State> =>
  got.end === cursor.byteOffset
    ? got.state
    : (await digestRangeInline(file, start.cursor.byteOffset, cursor.byteOffset, start.digest)).state;

/**
 * Folds the batches into `state`, collecting corrupt items. A plain loop: this is the hottest path of a
 * full replay, and an Observable pipeline around the same generator cost a subscription per batch.
 */
const foldBatches = async <S, E>(
  batches: AsyncIterable<JsonlBatch<E>>,
  projection: Projection<S, E>,
  state: S,
  into: {
    corrupt: (JsonlItem<unknown> & { kind: 'corrupt' })[];
    tap: ((batch: JsonlBatch<E>) => void) | null;
  },
): Promise<{ state: S; end: JsonlEnd | null }> => {
  const { corrupt, tap } = into;
  let s = state;
  let end: JsonlEnd | null = null;
  for await (const batch of batches) {
    for (const item of batch.items) {
      if (item.kind === 'record') s = projection.evolve(s, item as Positioned<E>);
      else corrupt.push(item);
    }
    tap?.(batch);
    end = batch.end ?? end;
  }
  return { state: s, end };
};

/** Folds `file` through `projection` from its checkpoint (or from the start); does not save. */
export const foldFile = async <S, E>(
  file: string,
  projection: Projection<S, E>,
  opts: FoldFileOptions<E> = {},
): Promise<FoldFileResult<S>> => {
  const start = await startOf(file, projection, opts);
  // The digest runs beside the fold (a worker on large ranges); both stop at the last newline before `until`.
  const until = opts.until ?? (opts.digest === true ? (await fsp.stat(file)).size : undefined);
  const digest =
    opts.digest !== true || until === undefined
      ? null
      : digestRange(file, start.cursor.byteOffset, until, start.digest);
  digest?.catch(() => undefined);
  const corrupt: (JsonlItem<unknown> & { kind: 'corrupt' })[] = [];
  const batches = iterateJsonlBatches<E>(file, {
    from: start.cursor,
    decode: opts.decode,
    skipCorrupt: opts.skipCorrupt,
    until,
  });
  const tap = opts.tap?.(start.cursor) ?? null;
  const folded = await foldBatches(batches, projection, start.state, { corrupt, tap });
  const end = folded.end as JsonlEnd;
  const lastLine = end.lastLine ?? start.lastLine;
  const digested = digest === null ? null : await digestAt(file, start, end.cursor, await digest);
  return {
    state: folded.state,
    cursor: end.cursor,
    end: { ...end, lastLine },
    corrupt,
    digest: digested,
    resumedFrom: start.cursor.byteOffset > 0 ? start.cursor : null,
    notes: start.notes,
  };
};

/** Saves the checkpoint of a fold result (call after the outputs it produced are written). */
export const saveFoldCheckpoint = async <S>(
  path: string,
  file: string,
  projection: Pick<Projection<S, never>, 'name' | 'version'>,
  result: FoldFileResult<S>,
): Promise<void> => {
  const cp: Checkpoint<S> = {
    projection: projection.name,
    version: projection.version,
    source: await fingerprintAt(file, result.cursor, result.end.lastLine),
    cursor: result.cursor,
    state: result.state,
    ...(result.digest === null ? {} : { digest: result.digest }),
  };
  await saveCheckpoint(path, cp);
};
