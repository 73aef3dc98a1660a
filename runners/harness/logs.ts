// Folding the harness logs through the edge's Source, confined to the root. Each command folds the whole
// log from its first line (they grow by one record per task per cycle); a corrupt line fails closed with
// file:line:byte, a torn tail is held back.
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
import { memoryCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { confine } from '../../lib/io/confine.js';
import { foldSource } from '../../lib/io/fold-source.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { fileSource } from '../../lib/io/source.js';
import { CliError } from '../cli/errors.js';
import type { Workspace } from './workspace.js';

// No checkpoint is kept: a fresh in-memory store makes every fold start at the first line.
const foldLog = async <S, Ev>(
  ws: Workspace,
  file: string,
  projection: Projection<S, Ev>,
  decode: (v: unknown) => E.Either<string, Ev>,
): Promise<S> => {
  // Checked, then read under the name the operator knows, so messages name the file as given.
  const c = await confine(ws.root, file);
  if (!c.ok) throw new CliError(`log refused: ${file}`, [`${file}: refused: ${c.reason}`]);
  if (!existsSync(file)) return projection.initial;
  try {
    const source = fileSource(file, { decode });
    const fold = await foldSource(source, projection, { checkpoints: memoryCheckpointStore(), key: file });
    if (fold.kind !== 'folded') throw new CliError(`log ${fold.kind}: ${file}`, [fold.detail]);
    return fold.state;
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
    ws,
    ws.observationsLog,
    observationsProjection({ terminalStatuses: ws.config.watchdog.terminalStatuses }),
    decodeObservationLine,
  );

export const foldWatchdog = (ws: Workspace): Promise<WatchdogState> =>
  foldLog(ws, ws.watchdogLog, watchdogProjection, decodeWatchdogLine);

export const foldCollect = (ws: Workspace): Promise<CollectState> =>
  foldLog(ws, ws.collectLog, collectProjection, decodeCollectLine);
