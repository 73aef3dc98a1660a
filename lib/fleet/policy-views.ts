// What fleet policy reads of the fleet state, decoded once by the runner: its identity and status and
// each loop result's status, health and trace. Lenient like the reference: a field of the wrong type
// reads as absent, an entry that is not an object is kept as an empty result (it is still counted).
import * as t from 'io-ts';
import { decodeLenient, listOf, section, text } from './lenient.js';

export const PolicyFleetView = section(
  {
    traceId: text,
    fleetId: text,
    status: text,
    results: listOf(
      section(
        { loopId: t.string, status: t.string, healthStatus: t.string, traceId: text },
        'PolicyLoopResult',
      ),
    ),
  },
  'PolicyFleetState',
);

export type PolicyFleet = t.TypeOf<typeof PolicyFleetView>;
export type PolicyLoopResult = PolicyFleet['results'][number];

/** Pure: the fleet state as parsed, decoded for fleet policy. Total. */
export const decodePolicyFleet = (raw: unknown): PolicyFleet => decodeLenient(PolicyFleetView, raw);
