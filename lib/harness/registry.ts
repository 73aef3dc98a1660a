// What the harness domain adds to the shared tables: its projections (for replay and the replay laws) and
// the codecs of every artifact it reads or writes (for contracts/). lib/projections.ts and
// lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import { decodeCollectLine, collectProjection, CollectLine } from './collect-projection.js';
import { DispatchMarker } from './dispatch-marker.js';
import { FinishEvidence, FinishProfileResult } from './finish-codecs.js';
import {
  ActorAuditLine,
  CallbackLaunch,
  CloseoutMarkerDoc,
  ExternalDirtyBlocker,
  HarnessConfigFile,
  SessionsFile,
  TaskTimers,
} from './input-codecs.js';
import { Observation } from './observation-codec.js';
import { decodeObservationLine, observationsProjection } from './observations-projection.js';
import { ActorReport, HarnessStatus, ShaDecisionMarker, SpawnSidecar } from './output-codecs.js';
import { RoutingTable } from './routing.js';
import { WatchdogLine } from './watchdog-codec.js';
import { decodeWatchdogLine, watchdogProjection } from './watchdog-projection.js';

export const harnessProjections: Readonly<Record<string, RegisteredProjection>> = {
  'harness-observations': register(
    observationsProjection(),
    decodeObservationLine,
    'memory/harness/observations.jsonl: per task the latest observation, its spawn state (9-enum) with the signals used, since when, transitions.',
  ),
  'harness-watchdog': register(
    watchdogProjection,
    decodeWatchdogLine,
    'memory/harness/watchdog.jsonl: last cycle, per task the last liveness/alert decision and the alert window the throttle counts, deliveries.',
  ),
  'harness-collect': register(
    collectProjection,
    decodeCollectLine,
    'memory/harness/collect.jsonl: per task the last closeout stage signalled and the path that collected it.',
  ),
};

export const harnessContracts: Readonly<Record<string, t.Mixed>> = {
  'harness-observation': Observation,
  'harness-watchdog-line': WatchdogLine,
  'harness-collect-line': CollectLine,
  'harness-task-timers': TaskTimers,
  'harness-config': HarnessConfigFile,
  'harness-sessions-file': SessionsFile,
  'harness-dispatch-marker': DispatchMarker,
  'harness-spawn-state-sidecar': SpawnSidecar,
  'harness-task-md-sha-decision': ShaDecisionMarker,
  'harness-callback-launch': CallbackLaunch,
  'harness-external-dirty-blocker': ExternalDirtyBlocker,
  'harness-closeout-marker': CloseoutMarkerDoc,
  'harness-actor-audit-line': ActorAuditLine,
  'harness-actor-report': ActorReport,
  'harness-finish-evidence': FinishEvidence,
  'harness-finish-profile': FinishProfileResult,
  'harness-incident-routing': RoutingTable,
  'harness-status': HarnessStatus,
};
