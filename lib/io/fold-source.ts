// Folding a Source through a projection from its checkpoint in a CheckpointStore: the engine-neutral
// form of fold-file.ts. It saves nothing: the checkpoint comes back as an effect, to be applied last
// (applyEffects), after the outputs computed from the state are written.
import type { Checkpoint, Cursor } from '../core/position.js';
import type { Projection } from '../core/projection.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { Effect } from './effects.js';
import type { JsonlEnd, JsonlItem } from './jsonl.js';
import type { LastLine } from './checkpoints.js';
import type { Resumed, Source } from './source.js';

export type CorruptItem = JsonlItem<unknown> & { readonly kind: 'corrupt' };

/** The result of a fold, or the reason it could not resume (the caller fails closed or starts over). */
export type SourceFold<S> =
  | {
      readonly kind: 'folded';
      readonly state: S;
      readonly end: JsonlEnd;
      /** Bad lines handed out when the source skips corruption (to quarantine). */
      readonly corrupt: readonly CorruptItem[];
      /** Where the fold started: null from the beginning, else the checkpoint's cursor. */
      readonly resumedFrom: Cursor | null;
      /** Why a checkpoint was not used (unreadable, another version), for the operator. */
      readonly notes: readonly string[];
      /** Save this last, after everything computed from `state` is written. */
      readonly checkpoint: Effect & { readonly kind: 'checkpoint' };
    }
  | { readonly kind: 'truncated' | 'rotated'; readonly detail: string };

export interface FoldSourceOptions {
  /** Ignore the checkpoint and fold from the beginning (the operator's --from-start). */
  readonly fromStart?: boolean;
  /** Read nothing at or past this offset (the size seen when the run began). */
  readonly until?: number;
}

export interface Start<S> {
  readonly state: S;
  readonly from: Cursor;
  readonly lastLine: LastLine | null;
  readonly notes: readonly string[];
}

/** Where a fold starts: its checkpoint's state and cursor when the source still matches it, else the start. */
export const startOf = async <S, E>(
  source: Source<E>,
  projection: Projection<S, E>,
  at: { readonly checkpoints: CheckpointStore; readonly key: string },
  fromStart: boolean,
): Promise<Start<S> | (Resumed & { kind: 'truncated' | 'rotated' })> => {
  const loaded = fromStart
    ? { checkpoint: null, note: null }
    : await at.checkpoints.load<S>(at.key, projection);
  const cp = loaded.checkpoint;
  const notes = loaded.note === null ? [] : [loaded.note];
  const resumed = await source.resume(cp === null ? null : { ...cp.cursor, fingerprint: cp.source });
  if (resumed.kind === 'truncated' || resumed.kind === 'rotated') return resumed;
  if (resumed.kind === 'start' || cp === null)
    return { state: projection.initial, from: resumed.from, lastLine: null, notes };
  return { state: cp.state, from: resumed.from, lastLine: resumed.lastLine, notes };
};

const drain = async <S, E>(
  source: Source<E>,
  projection: Projection<S, E>,
  start: Start<S>,
  until: number | undefined,
): Promise<{ state: S; end: JsonlEnd; corrupt: CorruptItem[] }> => {
  let state = start.state;
  const corrupt: CorruptItem[] = [];
  let end: JsonlEnd | null = null;
  for await (const batch of source.batches(start.from, { until })) {
    for (const item of batch.items) {
      if (item.kind === 'record') state = projection.evolve(state, item);
      else corrupt.push(item);
    }
    end = batch.end ?? end;
  }
  if (end === null) throw new Error(`${source.name}: the source ended without its end batch`);
  return { state, end, corrupt };
};

/**
 * Folds `source` through `projection`, resuming from the checkpoint saved under `at.key` when it
 * still matches the source. Reads the source and the store; writes nothing.
 */
export const foldSource = async <S, E>(
  source: Source<E>,
  projection: Projection<S, E>,
  at: { readonly checkpoints: CheckpointStore; readonly key: string },
  options: FoldSourceOptions = {},
): Promise<SourceFold<S>> => {
  const start = await startOf(source, projection, at, options.fromStart === true);
  if ('kind' in start) return start;
  const { state, end, corrupt } = await drain(source, projection, start, options.until);
  const lastLine = end.lastLine ?? start.lastLine;
  const mark = await source.mark(end.cursor, lastLine);
  const checkpoint: Checkpoint<S> = {
    projection: projection.name,
    version: projection.version,
    source: mark.fingerprint,
    cursor: end.cursor,
    state,
  };
  return {
    kind: 'folded',
    state,
    end: { ...end, lastLine },
    corrupt,
    resumedFrom: start.from.byteOffset > 0 ? start.from : null,
    notes: start.notes,
    checkpoint: { kind: 'checkpoint', key: at.key, checkpoint },
  };
};
