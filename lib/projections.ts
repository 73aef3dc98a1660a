// The registry of projections by name, so generic tools (`opsfold replay`, the replay laws, benches)
// can fold any log without knowing its domain. Law: each entry's `decode` accepts exactly the records
// its projection folds, and the key equals `projection.name`; a domain adds its entry here, nothing else.
import type * as E from 'fp-ts/lib/Either.js';
import type { Projection } from './core/projection.js';
import { decodeLoopEventLine } from './loop/event-guard.js';
import { loopEventsProjection } from './loop/events-projection.js';

/** A projection with the decoder for the lines it folds and one line saying what it answers. */
export interface RegisteredProjection {
  readonly projection: Projection<unknown, unknown>;
  readonly decode: (v: unknown) => E.Either<string, unknown>;
  readonly describe: string;
}

/** Pure: ties a projection to its decoder at the type level before erasing both to `unknown`. */
const register = <S, Ev>(
  projection: Projection<S, Ev>,
  decode: (v: unknown) => E.Either<string, Ev>,
  describe: string,
): RegisteredProjection => ({ projection: projection as Projection<unknown, unknown>, decode, describe });

/** Every registered projection, keyed by its name. */
export const projections: Readonly<Record<string, RegisteredProjection>> = Object.freeze({
  [loopEventsProjection.name]: register(
    loopEventsProjection,
    decodeLoopEventLine,
    'Superloop events.jsonl: record count, unnamed records, first timestamp, last record and its line.',
  ),
});

/** Pure: the registered names, sorted. */
export const projectionNames = (): string[] => Object.keys(projections).sort();
