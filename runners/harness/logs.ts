// Folding the harness logs. Each command folds the whole log from its first line (they grow by one
// record per task per cycle); a corrupt line fails closed with file:line:byte, a torn tail is held back.
import { existsSync } from 'node:fs';
import type * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '../../lib/core/projection.js';
import {
  collectProjection,
  decodeCollectLine,
  type CollectState,
} from '../../lib/harness/collect-projection.js';
import {
  decodeObservationLine,
  observationsProjection,
  type ObservationsState,
} from '../../lib/harness/observations-projection.js';
import {
  decodeWatchdogLine,
  watchdogProjection,
  type WatchdogState,
} from '../../lib/harness/watchdog-projection.js';
import { foldFile } from '../../lib/io/fold-file.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { CliError } from '../cli/errors.js';
import type { Workspace } from './workspace.js';

const foldLog = async <S, Ev>(
  file: string,
  projection: Projection<S, Ev>,
  decode: (v: unknown) => E.Either<string, Ev>,
): Promise<S> => {
  if (!existsSync(file)) return projection.initial;
  try {
    return (await foldFile(file, projection, { decode })).state;
  } catch (err) {
    if (err instanceof CorruptLineError)
      throw new CliError(`corrupt line in ${file}`, [
        err.message,
        'the log is append-only: repair the line by hand',
      ]);
    throw err;
  }
};

export const foldObservations = (ws: Workspace): Promise<ObservationsState> =>
  foldLog(
    ws.observationsLog,
    observationsProjection({ terminalStatuses: ws.config.watchdog.terminalStatuses }),
    decodeObservationLine,
  );

export const foldWatchdog = (ws: Workspace): Promise<WatchdogState> =>
  foldLog(ws.watchdogLog, watchdogProjection, decodeWatchdogLine);

export const foldCollect = (ws: Workspace): Promise<CollectState> =>
  foldLog(ws.collectLog, collectProjection, decodeCollectLine);
