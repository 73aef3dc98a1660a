// The kill harness's workloads, by name. A domain joins by adding one entry: a Workload whose step
// appends and acknowledges records, folds, checkpoints and writes its outputs the way its runners do.
import { controlWorkload } from './control-workload.js';
import { cycleWorkload } from './cycle-workload.js';
import { fleetWorkload } from './fleet-workload.js';
import { harnessWorkload } from './harness-workload.js';
import { kernelWorkload } from './kernel-workload.js';
import { loopWorkload } from './loop-workload.js';
import { queueDbWorkload } from './queue-db-workload.js';
import { queueMdWorkload } from './queue-md-workload.js';
import { reconcileWorkload } from './reconcile-workload.js';
import { runbookWorkload } from './runbook-workload.js';
import type { Workload } from './workload.js';

export const workloads: Readonly<Record<string, Workload>> = Object.fromEntries(
  [
    kernelWorkload,
    loopWorkload,
    reconcileWorkload,
    controlWorkload,
    harnessWorkload,
    fleetWorkload,
    cycleWorkload,
    runbookWorkload,
    queueMdWorkload,
    queueDbWorkload,
  ].map((w) => [w.name, w]),
);

/** Every lane `npm run reliability` runs by default. */
export const ALL_LANES: readonly string[] = Object.keys(workloads);
