// Streams orch_runs.jsonl through the edge's Source into the kpi tally: constant memory, one pass. A
// missing log is no data (as in the reference). An unterminated last line is counted when it parses
// (the reference reads it) and ignored as a torn tail when it does not; any other line that is not a
// JSON object stops the command with file:line, where the reference would skip it silently.
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../cli/errors.js';
import { cursorStart } from '../../lib/core/position.js';
import { fileSource } from '../../lib/io/source.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { readRange } from '../../lib/io/byte-range.js';
import { parseJson } from '../../lib/core/codec.js';
import { addRun, emptyTally, type KpiTally } from '../../lib/queue/kpi.js';
import { decodeRunRecord, type RunFacts } from '../../lib/queue/orch-runs.js';
import { confined, type PathArg } from './paths.js';

const tail = async (file: string, at: number, bytes: number): Promise<RunFacts | null> => {
  const text = (await readRange(file, at, at + bytes)).toString('utf8').replace(/\r$/, '');
  const parsed = parseJson(text);
  if (E.isLeft(parsed)) return null;
  const rec = decodeRunRecord(parsed.right);
  return E.isRight(rec) ? rec.right : null;
};

type Torn = { readonly byteOffset: number; readonly bytes: number } | null;

const foldLines = async (file: string, t: KpiTally): Promise<Torn> => {
  let torn: Torn = null;
  for await (const batch of fileSource(file, { decode: decodeRunRecord }).batches(cursorStart)) {
    for (const item of batch.items) if (item.kind === 'record') addRun(t, item.value);
    torn = batch.end?.tornTail ?? torn;
  }
  return torn;
};

/** Folds every record of the log into a tally. */
export const tallyRunLog = async (log: PathArg): Promise<KpiTally> => {
  const t = emptyTally();
  const { real, exists } = await confined(log);
  if (!exists) return t;
  try {
    const torn = await foldLines(real, t);
    const rec = torn === null ? null : await tail(real, torn.byteOffset, torn.bytes);
    if (rec !== null) addRun(t, rec);
  } catch (err) {
    if (!(err instanceof CorruptLineError)) throw err;
    throw new CliError(`${log.display}:${err.line}: ${err.reason}`, [
      `byte offset ${err.byteOffset}; fix or remove the line (opsfold does not skip lines silently)`,
    ]);
  }
  return t;
};
