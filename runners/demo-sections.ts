// The domain sections of `opsfold demo`, in the order they print. Each runs its domain's commands on a
// temp copy of its fixtures under `work` and returns a text block.
import type { Io } from './cli/command.js';
import { loopReconcileDemo } from './loop/reconcile/demo.js';
import { loopObservabilityDemo } from './loop/observability/demo.js';
import { loopControlDemo } from './loop/transport/demo.js';
import { alertsDemo } from './alerts/demo.js';
import { harnessDemo } from './harness/demo.js';
import { queueDemo } from './queue/demo.js';
import { cycleDemo } from './cycle/demo.js';
import { runbookDemo } from './runbook/demo.js';
import { dashboardDemo } from './dashboard/demo.js';
import { fleetDemo } from './fleet/demo.js';
import { promotionDemo } from './fleet/promotion-demo.js';

export type DemoSection = (io: Omit<Io, 'stdout' | 'stderr'>, work: string) => Promise<string>;

export const demoSections: readonly DemoSection[] = [
  loopReconcileDemo,
  loopObservabilityDemo,
  loopControlDemo,
  alertsDemo,
  fleetDemo,
  promotionDemo,
  harnessDemo,
  queueDemo,
  cycleDemo,
  runbookDemo,
  dashboardDemo,
];
