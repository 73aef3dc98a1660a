// `fleet reconcile --source nats://…`: every local registry loop's pass reads its events from
// opsfold.<fleetId>.<loopId>.events (the registry's fleetId); a sprite_service loop keeps its service.
// The server is reached once before the fleet lock is taken: down, the run fails closed, nothing written.
import { loopAddress } from '../../lib/io/nats/names.js';
import type { Flag, Values } from '../cli/command.js';
import { sourceUrl, withJetStream } from '../cli/nats-flags.js';

export const fleetSourceFlag: Flag = {
  type: 'string',
  arg: 'nats://host:port',
  help:
    "Read each local loop's events from NATS JetStream, subject opsfold.<registry fleetId>.<loop>.events " +
    '(shipped by `opsfold ship --fleet <fleetId>`), instead of its events.jsonl; sprite_service loops keep their service.',
};

/** Adds a loop pass's --source/--fleet; identity when the fleet reads files. */
export type WithSource = (values: Values) => Values;

/** Checks --source and the fleet id, and that the server answers; then how each pass reads it. */
export const fleetSource = async (v: Values, fleetId: string): Promise<WithSource> => {
  const url = sourceUrl(v);
  if (url === null) return (values) => values;
  loopAddress(fleetId, 'probe');
  await withJetStream(url, () => Promise.resolve());
  return (values) => (values['transport'] === 'local' ? { ...values, source: url, fleet: fleetId } : values);
};
