// A projection is data plus one pure function. Law: for any events and any split point k,
// fold(p, all) == foldFrom(p, fold(p, all[0..k]), all[k..]). Folding is deterministic.
import type { Position } from './position.js';

/** A decoded record and where it was read. Reducers may use the position, never the file name or clock. */
export interface Positioned<E> {
  readonly value: E;
  readonly position: Position;
}

/**
 * `evolve` is total: an event it does not understand is recorded in state (counted), never thrown.
 * Bump `version` whenever the state shape or meaning changes; checkpoints of another version are ignored.
 */
export interface Projection<S, E> {
  readonly name: string;
  readonly version: number;
  readonly initial: S;
  evolve(state: S, event: Positioned<E>): S;
}

/** Pure: folds events from the projection's initial state. */
export const fold = <S, E>(projection: Projection<S, E>, events: Iterable<Positioned<E>>): S =>
  foldFrom(projection, projection.initial, events);

/** Pure: folds events on top of a state taken from a checkpoint (or any earlier fold). */
export const foldFrom = <S, E>(
  projection: Projection<S, E>,
  state: S,
  events: Iterable<Positioned<E>>,
): S => {
  let s = state;
  for (const e of events) s = projection.evolve(s, e);
  return s;
};
