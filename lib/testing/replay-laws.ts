// The kernel's law, checked against a real event list rather than a toy one (ARCHITECTURE "Law"):
// (i) incremental == full: for any split point and any chunking of the rest, folding with a checkpoint
// (a JSON round trip of the state) after the prefix and after every chunk equals the full fold;
// (ii) deterministic: two full folds are byte-identical. Both compare with stableJson. fast-check picks
// the split points and chunkings from a seed; a law failure is returned as data (seed, the shrunk
// counterexample, the position of the first event where the folds part), never thrown.
import fc from 'fast-check';
import type { Position } from '../core/position.js';
import type { Positioned, Projection } from '../core/projection.js';
import { stableJson } from '../core/stable-json.js';
import { diffJson } from '../core/json-diff.js';

export type ReplayLaw = 'incremental' | 'deterministic';

/** Where a law broke: the split, the chunk sizes after it, and the first event (index and position) where the folds part. */
export interface ReplayCounterexample {
  readonly splitIndex: number;
  readonly chunkSizes: readonly number[];
  readonly position: Position | null;
  readonly eventIndex: number | null;
}

export interface ReplayLawsOptions {
  /** How many split/chunking cases to try (default 100). */
  readonly runs?: number;
  /** The fast-check seed (a 32-bit integer); 424242 when absent, and always reported. */
  readonly seed?: number;
}

export type ReplayLawsResult =
  | { readonly ok: true; readonly runs: number; readonly seed: number }
  | {
      readonly ok: false;
      readonly seed: number;
      readonly law: ReplayLaw;
      readonly counterexample: ReplayCounterexample;
      readonly message: string;
    };

interface Split {
  readonly splitIndex: number;
  readonly raw: readonly number[];
}
type Events<E> = readonly Positioned<E>[];
type Span = readonly [from: number, to: number];
interface Parting {
  readonly eventIndex: number | null;
  readonly detail: string;
}

const checkpoint = <S>(s: S): S => (s === undefined ? s : (JSON.parse(JSON.stringify(s)) as S));
const json = (s: unknown): string => stableJson(s, false);
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

const foldRange = <S, E>(p: Projection<S, E>, s: S, events: Events<E>, [from, to]: Span): S => {
  let state = s;
  for (let i = from; i < to; i++) state = p.evolve(state, events[i] as Positioned<E>);
  return state;
};

/** Pure: the chunk sizes a raw draw makes of `rest` events (they sum to `rest`; the last takes what is left). */
const chunking = (rest: number, raw: readonly number[]): number[] => {
  const sizes: number[] = [];
  let left = rest;
  for (const r of raw) {
    if (left === 0) break;
    sizes.push(Math.min(r, left));
    left -= Math.min(r, left);
  }
  return left > 0 ? [...sizes, left] : sizes;
};

/** Pure: the checkpoint boundaries (event counts) of a split: the prefix end, then each chunk end. */
const boundaries = (splitIndex: number, sizes: readonly number[]): number[] =>
  sizes.reduce((acc, size) => [...acc, (acc[acc.length - 1] ?? 0) + size], [splitIndex]);

/** Folds up to each boundary and checkpoints (JSON round trip) there, as a resuming runner would. */
const foldIncrementally = <S, E>(p: Projection<S, E>, events: Events<E>, bounds: readonly number[]): S =>
  bounds.reduce<[S, number]>(
    ([s, from], to) => [checkpoint(foldRange(p, s, events, [from, to])), to],
    [p.initial, 0],
  )[0];

const lockstep = <S, E>(
  p: Projection<S, E>,
  events: Events<E>,
  pair: { ref: S; cut: S },
  [from, to]: Span,
) => {
  for (let i = from; i < to; i++) {
    pair.ref = p.evolve(pair.ref, events[i] as Positioned<E>);
    pair.cut = p.evolve(pair.cut, events[i] as Positioned<E>);
    if (json(pair.ref) !== json(pair.cut))
      return { eventIndex: i, detail: diffJson(pair.ref, pair.cut, 5).join('; ') };
  }
  return null;
};

/** Folds the reference and the checkpointed fold in lockstep; the first event after which they differ. */
const locateIncremental = <S, E>(
  p: Projection<S, E>,
  events: Events<E>,
  bounds: readonly number[],
): Parting => {
  const pair = { ref: p.initial, cut: p.initial };
  let from = 0;
  try {
    for (const to of bounds) {
      const parted = lockstep(p, events, pair, [from, to]);
      if (parted !== null) return parted;
      pair.cut = checkpoint(pair.cut);
      const diff = diffJson(pair.ref, pair.cut, 5).join('; ');
      if (diff !== '')
        return {
          eventIndex: to > 0 ? to - 1 : null,
          detail: `the checkpoint after ${to} changed the state: ${diff}`,
        };
      from = to;
    }
  } catch (err) {
    return { eventIndex: from < events.length ? from : null, detail: `threw: ${errorText(err)}` };
  }
  return { eventIndex: null, detail: 'the final states differ, but not when re-folded in lockstep' };
};

/** FNV-1a, enough to compare per-event states of two folds without holding them all. */
const hash = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** Two more full folds, one after the other; the first event after which their states differ. */
const locateNondeterminism = <S, E>(p: Projection<S, E>, events: Events<E>): Parting => {
  const seen: number[] = [];
  let a = p.initial;
  for (const e of events) {
    a = p.evolve(a, e);
    seen.push(hash(json(a)));
  }
  let b = p.initial;
  for (let i = 0; i < events.length; i++) {
    b = p.evolve(b, events[i] as Positioned<E>);
    if (hash(json(b)) !== seen[i])
      return { eventIndex: i, detail: 'a third and a fourth fold part there too' };
  }
  return { eventIndex: null, detail: 'two full folds differ, but two more agreed at every event' };
};

const tryFold = <S, E>(p: Projection<S, E>, events: Events<E>): string => {
  try {
    return json(foldRange(p, p.initial, events, [0, events.length]));
  } catch (err) {
    return `threw: ${errorText(err)}`;
  }
};

const where = (at: Parting, position: Position | null): string =>
  at.eventIndex === null || position === null
    ? 'at no single event'
    : `at event #${at.eventIndex} (line ${position.line}, byte ${position.byteOffset})`;

/** The counterexample and message of a failed law, with the position of the event where the folds part. */
const failure = <E>(
  events: Events<E>,
  at: Parting,
  split: Split & { readonly chunkSizes: number[] },
  what: string,
) => {
  const position = at.eventIndex === null ? null : (events[at.eventIndex]?.position ?? null);
  const counterexample = {
    splitIndex: split.splitIndex,
    chunkSizes: split.chunkSizes,
    eventIndex: at.eventIndex,
    position,
  };
  return { counterexample, message: `${what} ${where(at, position)}: ${at.detail}` };
};

const DEFAULT_SEED = 424242;

/** Checks both replay laws of `projection` over `events` (deterministic first); never throws for a law failure. */
export const replayLaws = <S, E>(
  projection: Projection<S, E>,
  events: Events<E>,
  options: ReplayLawsOptions = {},
): ReplayLawsResult => {
  // A fixed default keeps suites reproducible; callers wanting variety pass their own seed.
  const seed = (options.seed ?? DEFAULT_SEED) | 0;
  const n = events.length;
  const full = tryFold(projection, events);
  if (full !== tryFold(projection, events)) {
    const at = locateNondeterminism(projection, events);
    const split = { splitIndex: n, raw: [], chunkSizes: [] };
    return { ok: false, seed, law: 'deterministic', ...failure(events, at, split, 'two full folds differ') };
  }
  const arb = fc.record({
    splitIndex: fc.nat({ max: n }),
    raw: fc.array(fc.integer({ min: 1, max: Math.max(1, n) }), { maxLength: 8 }),
  });
  const bounds = (s: Split): number[] => boundaries(s.splitIndex, chunking(n - s.splitIndex, s.raw));
  const law = (s: Split): boolean => json(foldIncrementally(projection, events, bounds(s))) === full;
  const details = fc.check(fc.property(arb, law), { numRuns: options.runs ?? 100, seed });
  const failing = details.counterexample?.[0];
  if (!details.failed || failing === undefined) return { ok: true, runs: details.numRuns, seed };
  const at = locateIncremental(projection, events, bounds(failing));
  const split = { ...failing, chunkSizes: chunking(n - failing.splitIndex, failing.raw) };
  const what = `checkpoints after [${bounds(failing).join(', ')}] of ${n} events part from the full fold`;
  return { ok: false, seed, law: 'incremental', ...failure(events, at, split, what) };
};
