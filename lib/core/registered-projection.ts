// A projection paired with the decoder for the lines it folds, erased to `unknown` so generic tools
// (`opsfold replay`, the replay laws, benches) can hold projections of every domain in one table.
import type * as E from 'fp-ts/lib/Either.js';
import type { Projection } from './projection.js';

/** A projection with the decoder for the lines it folds and one line saying what it answers. */
export interface RegisteredProjection {
  readonly projection: Projection<unknown, unknown>;
  readonly decode: (v: unknown) => E.Either<string, unknown>;
  readonly describe: string;
}

/** Pure: ties a projection to its decoder at the type level before erasing both to `unknown`. */
export const register = <S, Ev>(
  projection: Projection<S, Ev>,
  decode: (v: unknown) => E.Either<string, Ev>,
  describe: string,
): RegisteredProjection => ({ projection: projection as Projection<unknown, unknown>, decode, describe });
