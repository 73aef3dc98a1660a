// Any projection, wrapped so its checkpointed state also remembers the corrupt lines a fold skipped
// (the reader hands them out beside the records; the projection never sees them). A restart from the
// checkpoint still knows where the log is bad, and the page can say file:line without a re-read.
// Law: the wrapped fold's `inner` equals the plain fold of the same records. Pure.
import type { Projection } from '../core/projection.js';

/** Corrupt lines remembered with their place; the rest are only counted. */
export const MAX_CORRUPT = 10;

export interface CorruptMark {
  readonly line: number;
  readonly byteOffset: number;
  readonly reason: string;
}

export interface Tracked<S> {
  readonly inner: S;
  readonly corruptCount: number;
  readonly corrupt: readonly CorruptMark[];
}

/** Pure: `p` with corrupt-line bookkeeping, under its own name (its checkpoints are the dashboard's). */
export const tracked = <S, E>(p: Projection<S, E>, name: string): Projection<Tracked<S>, E> => ({
  name,
  version: p.version,
  initial: { inner: p.initial, corruptCount: 0, corrupt: [] },
  evolve: (s, e) => ({ ...s, inner: p.evolve(s.inner, e) }),
});

/** Pure: the state with the corrupt lines a pass skipped, in file order, the first MAX_CORRUPT kept. */
export const addCorrupt = <S>(s: Tracked<S>, found: readonly CorruptMark[]): Tracked<S> =>
  found.length === 0
    ? s
    : {
        ...s,
        corruptCount: s.corruptCount + found.length,
        corrupt: [...s.corrupt, ...found].slice(0, MAX_CORRUPT),
      };

/** Pure: the first corrupt line remembered, or null. */
export const firstCorrupt = <S>(s: Tracked<S>): CorruptMark | null => s.corrupt[0] ?? null;
