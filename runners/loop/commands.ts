// The loop commands, in the order --help lists them; runners/commands.ts appends them to the table.
// `opsfold service` keeps its top-level name: it serves every loop under a repo; `opsfold
// service-client` (top-level too) is its client.
import type { Command } from '../cli/command.js';
import { loopSnapshot } from './snapshot.js';
import { loopPollEvents } from './poll-events.js';
import { loopProjectState } from './project-state.js';
import { loopReconcile } from './reconcile.js';
import { loopStatus } from './status.js';
import { loopHealth } from './health.js';
import { loopHeartbeat } from './heartbeat.js';
import { loopSequence } from './sequence.js';
import { loopThresholdProfile } from './threshold-profile.js';
import { loopTelemetrySummary } from './telemetry-summary.js';
import { loopProfileDrift } from './profile-drift.js';
import { loopControl } from './control.js';
import { loopConfirmIntent } from './confirm-intent.js';
import { service } from './service.js';
import { serviceClient } from './service-client.js';

export const loopCommands: readonly Command[] = [
  loopSnapshot,
  loopPollEvents,
  loopProjectState,
  loopReconcile,
  loopStatus,
  loopHealth,
  loopHeartbeat,
  loopSequence,
  loopThresholdProfile,
  loopTelemetrySummary,
  loopProfileDrift,
  loopControl,
  loopConfirmIntent,
  service,
  serviceClient,
];
