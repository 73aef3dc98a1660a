// `loop status --source`: status derives nothing from the events (it reads the files reconcile wrote),
// so it never contacts the server; the flag names where reconcile reads from, and status notes when the
// manager's cursor was not written by a reconcile from that subject (it then shows another source's pass).
import type { Flag, Values } from '../../cli/command.js';
import { addressOf, fleetIdFlag, sourceUrl } from '../../cli/nats-flags.js';
import { streamIdentityOf, subjectOf } from '../../../lib/io/nats/names.js';

export const statusSourceFlags: Record<string, Flag> = {
  source: {
    type: 'string',
    arg: 'nats://host:port',
    help:
      'Where `loop reconcile --source` reads this loop from. Status reads only the manager files and never ' +
      'contacts the server (it answers with the server down); it notes when the cursor was not written from ' +
      'that subject.',
  },
  fleet: fleetIdFlag,
};

const headOf = (cursor: unknown): unknown =>
  typeof cursor === 'object' && cursor !== null
    ? ((cursor as { eventsFingerprint?: { headSha256?: unknown } }).eventsFingerprint?.headSha256 ?? null)
    : null;

/** The note to print when the cursor was read from another source than --source; [] otherwise. */
export const sourceNotes = (v: Values, loopId: string, cursor: unknown): string[] => {
  const url = sourceUrl(v);
  if (url === null || cursor === null) return [];
  const at = addressOf(v, loopId);
  if (headOf(cursor) === streamIdentityOf(at)) return [];
  return [
    `the manager's cursor was not written by a reconcile from ${url}/${subjectOf(at)}; ` +
      'the status shows the last pass over another source',
  ];
};
