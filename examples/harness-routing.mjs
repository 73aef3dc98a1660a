// opsfold/harness: decode an incident routing table with its codec, then ask why it is not usable.
import { RoutingTable, routingProblems } from 'opsfold/harness';

const doc = {
  schema_version: 1,
  source: 'example',
  incidents: [
    {
      id: '#1',
      title: 'spawn missed',
      seed_section: '§8',
      layers: [2, 3],
      class: 'critical_7',
      priority: 'P0',
      fix: 'watchdog',
    },
  ],
};
const decoded = RoutingTable.decode(doc);
console.log(
  JSON.stringify(decoded._tag === 'Right' ? routingProblems(decoded.right) : 'not a routing table'),
);
