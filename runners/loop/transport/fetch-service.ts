// Fetching over the sprite service (lib/loop/service-fetch.ts) with node's HTTP client and the
// reconcile cursor file.
import type * as E from 'fp-ts/lib/Either.js';
import { fetchOverService } from '../../../lib/loop/service-fetch.js';
import type { TransportFailure } from '../../../lib/loop/transport-fetch.js';
import { readCursorFile } from '../cursor-file.js';
import type { FetchRequest, LoopFetch, ServiceTransport } from './fetch-types.js';
import type { EnvelopeFold } from '../../../lib/loop/envelope-fold.js';
import { requestOnce } from './http-client.js';

export const fetchService = <S>(
  t: ServiceTransport,
  r: FetchRequest,
  fold: EnvelopeFold<S>,
): Promise<E.Either<TransportFailure, LoopFetch<S>>> =>
  fetchOverService(
    {
      endpoint: t.endpoint,
      once: requestOnce,
      sleep: t.sleep,
      savedLines: async () => (await readCursorFile(r.cursorFile).catch(() => null))?.lines ?? null,
    },
    { ...r, repo: r.paths.repo, loopId: r.paths.loopId },
    fold,
  );
