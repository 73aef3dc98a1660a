// The registry of projections by name, so generic tools (`opsfold replay`, the replay laws, benches)
// can fold any log without knowing its domain. Law: each entry's `decode` accepts exactly the records
// its projection folds, and the key equals `projection.name`; a domain adds its entries to its own
// lib/<domain>/registry.ts, which is merged here.
import { register, type RegisteredProjection } from './core/registered-projection.js';
import { decodeLoopEventLine } from './loop/event-guard.js';
import { loopEventsProjection } from './loop/events-projection.js';
import { loopHealthProjections } from './loop/health-registry.js';
import { loopControlProjections } from './loop/control-registry.js';
import { alertsProjections } from './alerts/registry.js';
import { fleetProjections } from './fleet/registry.js';
import { harnessProjections } from './harness/registry.js';
import { queueProjections } from './queue/registry.js';
import { cycleProjections } from './cycle/registry.js';
import { runbookProjections } from './runbook/registry.js';

export type { RegisteredProjection } from './core/registered-projection.js';

/** Every registered projection, keyed by its name. */
export const projections: Readonly<Record<string, RegisteredProjection>> = Object.freeze({
  [loopEventsProjection.name]: register(
    loopEventsProjection,
    decodeLoopEventLine,
    'Superloop events.jsonl: record count, unnamed records, first timestamp, last record and its line.',
  ),
  ...loopHealthProjections,
  ...loopControlProjections,
  ...alertsProjections,
  ...fleetProjections,
  ...harnessProjections,
  ...queueProjections,
  ...cycleProjections,
  ...runbookProjections,
});

/** Pure: the registered names, sorted. */
export const projectionNames = (): string[] => Object.keys(projections).sort();
