// Layer 7: the incident-to-fix routing table (seed 004 §8): each incident → the contract layers that
// fix it, its class and P0/P1/P2. Law: a table is usable only when ids are unique, every layer is one
// of 0..7, every incident names at least one layer, and every contract layer 0..6 is routed to.
import * as t from 'io-ts';

export const CONTRACT_LAYERS = [
  'task_md_sha',
  'dispatch_marker',
  'spawn_detection',
  'watchdog',
  'callback_closeout_collector',
  'finish_task_profile',
  'actor_attribution',
  'incident_routing',
] as const;

export const IncidentClass = t.keyof(
  { critical_7: null, business_blocking: null, explicit_bottleneck: null },
  'IncidentClass',
);

export const RoutingEntry = t.type(
  {
    id: t.string,
    title: t.string,
    seed_section: t.string,
    layers: t.array(t.number),
    class: IncidentClass,
    priority: t.keyof({ P0: null, P1: null, P2: null }),
    fix: t.string,
  },
  'IncidentRoutingEntry',
);
export type RoutingEntry = t.TypeOf<typeof RoutingEntry>;

/** config/harness-incident-routing.json */
export const RoutingTable = t.type(
  { schema_version: t.literal(1), source: t.string, incidents: t.array(RoutingEntry) },
  'IncidentRoutingTable',
);
export type RoutingTable = t.TypeOf<typeof RoutingTable>;

/** Pure: why the table cannot be used (empty when it can). */
export const routingProblems = (table: RoutingTable): string[] => {
  const problems: string[] = [];
  const seen = new Set<string>();
  table.incidents.forEach((e, i) => {
    if (seen.has(e.id)) problems.push(`$.incidents[${i}].id: duplicate ${e.id}`);
    seen.add(e.id);
    if (e.layers.length === 0) problems.push(`$.incidents[${i}].layers: names no layer`);
    for (const l of e.layers)
      if (!(Number.isInteger(l) && l >= 0 && l < CONTRACT_LAYERS.length))
        problems.push(`$.incidents[${i}].layers: ${l} is not a layer 0..7`);
  });
  const routed = new Set(table.incidents.flatMap((e) => e.layers));
  for (let l = 0; l < CONTRACT_LAYERS.length - 1; l++)
    if (!routed.has(l))
      problems.push(`$.incidents: no incident routes to layer ${l} (${CONTRACT_LAYERS[l]})`);
  return problems;
};

/** Pure: the entry for an incident id (exact, or the `#N` shorthand of the seed). */
export const routeOf = (table: RoutingTable, incident: string): RoutingEntry | undefined =>
  table.incidents.find((e) => e.id === incident || e.id.endsWith(`#${incident.replace(/^#/, '')}`));
