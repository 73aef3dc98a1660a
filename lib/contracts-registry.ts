// Every artifact opsfold reads or writes, by contract file name. `npm run contracts` writes
// contracts/<name>.schema.json for each; a test fails when the committed files are stale.
import type * as t from 'io-ts';
import { CheckpointFile } from './core/checkpoint-codec.js';
import {
  Approval,
  LoopEventLine,
  LoopRunEvent,
  LoopRunSnapshot,
  PollCursor,
  RunSummary,
  SuperloopState,
} from './loop/codecs.js';
import { ManagerState } from './loop/state-codec.js';
import { loopHealthContracts } from './loop/health-registry.js';
import { loopControlContracts } from './loop/control-registry.js';
import { alertsContracts } from './alerts/registry.js';
import { fleetContracts } from './fleet/registry.js';
import { harnessContracts } from './harness/registry.js';
import { queueContracts } from './queue/registry.js';
import { cycleContracts } from './cycle/registry.js';
import { runbookContracts } from './runbook/registry.js';
import { dashboardContracts } from './dashboard/registry.js';

export const contractCodecs: Readonly<Record<string, t.Mixed>> = {
  'opsfold-checkpoint': CheckpointFile,
  'superloop-events-line': LoopEventLine,
  'superloop-state': SuperloopState,
  'superloop-approval': Approval,
  'superloop-run-summary': RunSummary,
  'loop-run-snapshot': LoopRunSnapshot,
  'loop-run-event': LoopRunEvent,
  'loop-poll-cursor': PollCursor,
  'loop-manager-state': ManagerState,
  ...loopHealthContracts,
  ...loopControlContracts,
  ...alertsContracts,
  ...fleetContracts,
  ...harnessContracts,
  ...queueContracts,
  ...cycleContracts,
  ...runbookContracts,
  ...dashboardContracts,
};
