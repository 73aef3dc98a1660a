// automation/orchestrator/logs/orch_runs.jsonl as OBSERVABILITY.md defines it: `run_start` / `run_end`
// records of orch.py runs (trace id, command; run_end adds exit code, status, item and duration). The
// kpi fold is more lenient than this contract, as the reference is: any JSON object is a record, and
// fields of the wrong type are ignored rather than rejected. Pure.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

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

/** Pure: the kpi reader's check: a line is a record when it is a JSON object. */
export const decodeRunRecord = (v: unknown): E.Either<string, Readonly<Record<string, unknown>>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? E.right(v as Record<string, unknown>)
    : E.left(`expected a JSON object, got ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}`);
