// The kpi's one pass over orch_runs.jsonl, through the edge's Source: constant memory. An unterminated
// last line is counted when it parses (the reference reads it) and ignored as a torn tail when it does
// not; a corrupt line stops the read (the Source throws, the runner names file:line).
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import { cursorStart } from '../core/position.js';
import type { Source } from '../io/source.js';
import { addRun, emptyTally, type KpiTally } from './kpi.js';
import { decodeRunRecord, type RunFacts } from './orch-runs.js';

/** The run record of a torn last line's text, or null when it is not one. */
export const tornRun = (text: string): RunFacts | null => {
  const parsed = parseJson(text.replace(/\r$/, ''));
  if (E.isLeft(parsed)) return null;
  const rec = decodeRunRecord(parsed.right);
  return E.isRight(rec) ? rec.right : null;
};

/** Folds every record of the log into a tally; `readTail(byteOffset, bytes)` reads a torn last line's text. */
export const tallyRuns = async (
  source: Source<RunFacts>,
  readTail: (byteOffset: number, bytes: number) => Promise<string>,
): Promise<KpiTally> => {
  const t = emptyTally();
  let torn: { readonly byteOffset: number; readonly bytes: number } | null = null;
  for await (const batch of source.batches(cursorStart)) {
    for (const item of batch.items) if (item.kind === 'record') addRun(t, item.value);
    torn = batch.end?.tornTail ?? torn;
  }
  const rec = torn === null ? null : tornRun(await readTail(torn.byteOffset, torn.bytes));
  if (rec !== null) addRun(t, rec);
  return t;
};
