// The JSONL reader as rxjs Observables, for stream composition and tailing. Kept apart from jsonl.ts
// so a command that only iterates batches never loads rxjs (over 200 modules at start-up).
import { type Observable, concatMap, from as fromArray, from as fromAsync } from 'rxjs';
import { iterateJsonlBatches, type JsonlBatch, type JsonlItem, type ReadOptions } from './jsonl.js';

/** The same batches as an Observable (rxjs), for stream composition and tailing. */
export const readJsonlBatches = <T = unknown>(
  file: string,
  options: ReadOptions<T> = {},
): Observable<JsonlBatch<T>> => fromAsync(iterateJsonlBatches(file, options));

/** Reads a JSONL file from a cursor as an Observable of records (and `corrupt` items when skipping). */
export const readJsonl = <T = unknown>(
  file: string,
  options: ReadOptions<T> = {},
): Observable<JsonlItem<T>> =>
  readJsonlBatches(file, options).pipe(concatMap((batch) => fromArray(batch.items)));
