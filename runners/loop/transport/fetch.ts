// What reconcile asks of a transport: the loop's snapshot and the events after its cursor, read from
// the files (local) or asked of the sprite service. A failure is a value, never a throw (see
// TransportFailure in lib/loop/transport-fetch.ts); reconcile turns it into health.
import type * as E from 'fp-ts/lib/Either.js';
import type { TransportFailure } from '../../../lib/loop/transport-fetch.js';
import { fetchLocal } from './fetch-local.js';
import { fetchService } from './fetch-service.js';
import type { FetchRequest, LoopFetch, Transport } from './fetch-types.js';
import type { EnvelopeFold } from '../../../lib/loop/envelope-fold.js';

/** Fetches the loop's snapshot and the events after the cursor over `transport`, folded with `fold`. */
export const fetchLoop = <S>(
  transport: Transport,
  r: FetchRequest,
  fold: EnvelopeFold<S>,
): Promise<E.Either<TransportFailure, LoopFetch<S>>> =>
  transport.mode === 'local' ? fetchLocal(r, fold) : fetchService(transport, r, fold);
