// Streams orch_runs.jsonl into the kpi tally (lib/queue/kpi-gather.ts) through the edge's file Source. A
// missing log is no data (as in the reference); a line that is not a JSON object stops the command with
// file:line, where the reference would skip it silently.
import { CliError } from '../cli/errors.js';
import { fileSource } from '../../lib/io/source.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { readRange } from '../../lib/io/byte-range.js';
import { emptyTally, type KpiTally } from '../../lib/queue/kpi.js';
import { tallyRuns } from '../../lib/queue/kpi-gather.js';
import { decodeRunRecord } from '../../lib/queue/orch-runs.js';
import { confined, type PathArg } from './paths.js';

/** Folds every record of the log into a tally. */
export const tallyRunLog = async (log: PathArg): Promise<KpiTally> => {
  const { real, exists } = await confined(log);
  if (!exists) return emptyTally();
  const readTail = async (at: number, bytes: number) =>
    (await readRange(real, at, at + bytes)).toString('utf8');
  try {
    return await tallyRuns(fileSource(real, { decode: decodeRunRecord }), readTail);
  } catch (err) {
    if (!(err instanceof CorruptLineError)) throw err;
    throw new CliError(`${log.display}:${err.line}: ${err.reason}`, [
      `byte offset ${err.byteOffset}; fix or remove the line (opsfold does not skip lines silently)`,
    ]);
  }
};
