// What reconcile asks of a transport: the loop's snapshot and the events after its cursor, read from
// the files (local) or asked of the sprite service. A failure is a value, never a throw (see
// TransportFailure in lib/loop/transport-fetch.ts); reconcile turns it into health.
import type * as E from 'fp-ts/lib/Either.js';
import type { TransportFailure } from '../../../lib/loop/transport-fetch.js';
import { fetchLocal } from './fetch-local.js';
import { fetchService } from './fetch-service.js';
import type { FetchRequest, LoopFetch, Transport } from './fetch-types.js';

/** Fetches the loop's snapshot and the events after the cursor over `transport`. */
export const fetchLoop = (
  transport: Transport,
  r: FetchRequest,
): Promise<E.Either<TransportFailure, LoopFetch>> =>
  transport.mode === 'local' ? fetchLocal(r) : fetchService(transport, r);
