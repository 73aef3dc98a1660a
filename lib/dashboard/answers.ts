// The bodies of the JSON API's answers, from what the store holds. Pure: the runner refreshes the
// store, reads the clock once, and serializes what these return.
import type { Listing } from './listing.js';
import type { LoopRow } from './outputs.js';
import { levelCounts, sortRows, sortSpecOf } from './overview.js';
import type { EventsPage } from './paging.js';

export interface AnswerMeta {
  readonly version: number;
  readonly generatedAt: string;
  readonly repo: string;
}

/** Pure: the overview: every row sorted as asked (unhealthy first by default), with level counts. */
export const overviewBody = (
  meta: AnswerMeta,
  listing: Listing,
  rows: readonly LoopRow[],
  q: { readonly sort: string | null; readonly dir: string | null },
) => {
  const sort = sortSpecOf(q.sort, q.dir);
  const sorted = sortRows(rows, sort);
  return {
    ...meta,
    source: listing.source,
    fleetId: listing.fleetId,
    registry: listing.registry,
    notes: listing.notes,
    sort,
    counts: levelCounts(sorted),
    rows: sorted,
  };
};

/** Pure: the 404 body for a loop that is not listed, naming the loops that are. */
export const noLoopBody = (loopId: string, listing: Listing) => ({
  error: `no such loop: ${loopId}`,
  loops: listing.loops.map((l) => l.loopId),
});

/** Pure: a timeline answer body: a page, or an empty one when the log is missing or refused. */
export const eventsBody = (
  loopId: string,
  file: string,
  page: Exclude<EventsPage, { kind: 'bad_request' }> | { readonly kind: 'refused'; readonly reason: string },
) => {
  if (page.kind === 'page') return { loopId, file, ...page };
  return page.kind === 'missing'
    ? { loopId, file, kind: 'missing', items: [], nextBefore: null }
    : { loopId, file, kind: 'refused', reason: page.reason, items: [], nextBefore: null };
};
