// automation/orchestrator/logs/orch_runs.jsonl as OBSERVABILITY.md defines it: `run_start` / `run_end`
// records of orch.py runs (trace id, command; run_end adds exit code, status, item and duration). The
// kpi fold is more lenient than this contract, as the reference is: any JSON object is a record, and
// fields of the wrong type are ignored rather than rejected. Pure.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { isObject } from '../core/json-object.js';

/** One orch_runs.jsonl line, as orch.py `emit_log` writes it. */
export const OrchRunLine = t.intersection(
  [
    t.type({ event: t.string }),
    t.partial({
      ts_kst: t.string,
      ts_epoch_ms: t.number,
      trace_id: t.string,
      command: t.string,
      exit_code: t.number,
      status: t.string,
      item_id: nullable(t.string),
      duration_ms: t.number,
      error: t.string,
    }),
  ],
  'OrchRunLine',
);

/** What the kpi fold reads of one record; a field of the wrong type reads as absent. */
export interface RunFacts {
  readonly event: string | null;
  readonly command: string | null;
  /** exit_code is 0 (or false, which Python compares equal to 0). */
  readonly exitedZero: boolean;
  /** An integer duration_ms (JSON true/false count as 1/0, as Python's isinstance(x, int) says), else null. */
  readonly durationMs: number | null;
}

/** Pure: a string field, or null for any other value (the reference ignores it). */
export const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const durationOf = (d: unknown): number | null => {
  if (typeof d === 'boolean') return d ? 1 : 0;
  return typeof d === 'number' && Number.isInteger(d) ? d : null;
};

/** Pure: the kpi reader's decode: a line is a record when it is a JSON object, read leniently. */
export const decodeRunRecord = (v: unknown): E.Either<string, RunFacts> => {
  if (!isObject(v))
    return E.left(`expected a JSON object, got ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}`);
  return E.right({
    event: textOf(v['event']),
    command: textOf(v['command']),
    exitedZero: v['exit_code'] === 0 || v['exit_code'] === false,
    durationMs: durationOf(v['duration_ms']),
  });
};
