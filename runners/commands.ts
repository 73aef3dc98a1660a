// Every command opsfold offers, in the order --help lists them. Each domain keeps its own list in
// runners/<domain>/commands.ts; this file only concatenates them.
import type { Command } from './cli/command.js';
import { withConventions } from './cli/conventions.js';
import { loopCommands } from './loop/commands.js';
import { alertsCommands } from './alerts/commands.js';
import { fleetCommands } from './fleet/commands.js';
import { dashboardCommands } from './dashboard/commands.js';
import { harnessCommands } from './harness/commands.js';
import { queueCommands } from './queue/commands.js';
import { cycleCommands } from './cycle/commands.js';
import { runbookCommands } from './runbook/commands.js';
import { demo } from './demo.js';
import { replay } from './replay/command.js';
import { natsCommands } from './nats/commands.js';

export const commands: readonly Command[] = (
  [
    ...loopCommands,
    ...alertsCommands,
    ...fleetCommands,
    ...harnessCommands,
    ...queueCommands,
    ...cycleCommands,
    ...runbookCommands,
    ...dashboardCommands,
    ...natsCommands,
    replay,
    demo,
  ] satisfies Command[]
).map(withConventions);
