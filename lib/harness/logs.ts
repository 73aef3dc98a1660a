// The harness logs folded through the workspace's port, each from its first line (they grow by one
// record per task per cycle), with the projection and line decoder of each.
import { collectProjection, decodeCollectLine, type CollectState } from './collect-projection.js';
import {
  decodeObservationLine,
  observationsProjection,
  type ObservationsState,
} from './observations-projection.js';
import { decodeWatchdogLine, watchdogProjection, type WatchdogState } from './watchdog-projection.js';
import type { Workspace } from './workspace.js';

export const foldObservations = (ws: Workspace): Promise<ObservationsState> =>
  ws.fs.foldLog(
    ws.observationsLog,
    observationsProjection({ terminalStatuses: ws.config.watchdog.terminalStatuses }),
    decodeObservationLine,
  );

export const foldWatchdog = (ws: Workspace): Promise<WatchdogState> =>
  ws.fs.foldLog(ws.watchdogLog, watchdogProjection, decodeWatchdogLine);

export const foldCollect = (ws: Workspace): Promise<CollectState> =>
  ws.fs.foldLog(ws.collectLog, collectProjection, decodeCollectLine);
