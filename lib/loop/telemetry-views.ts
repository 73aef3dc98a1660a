// The telemetry lines the summary reads (telemetry/reconcile.jsonl, telemetry/control.jsonl): lenient
// views, as the reference's jq reads them (`select(.status == "failed")`, `.durationSeconds | tonumber?`).
import type * as t from 'io-ts';
import { AnyString, lenient, lenientObject } from './lenient.js';

/** jq `tonumber?`: numbers as they are, numeric strings parsed, anything else dropped (null). */
const JqNumber = lenient(
  'JqNumber',
  (u): u is number | null => u === null || typeof u === 'number',
  (u) => {
    if (typeof u === 'number') return Number.isFinite(u) ? u : null;
    if (typeof u !== 'string' || u.trim() === '') return null;
    const n = Number(u);
    return Number.isFinite(n) ? n : null;
  },
);

/** The strings of an array (anything else in it dropped); not an array reads as none. */
const StringList = lenient(
  'StringList',
  (u): u is readonly string[] => Array.isArray(u) && u.every((x) => typeof x === 'string'),
  (u) => (Array.isArray(u) ? u.filter((x): x is string => typeof x === 'string') : []),
);

/** One `telemetry/reconcile.jsonl` line. */
export const ReconcileLineView = lenientObject(
  { status: AnyString, healthStatus: AnyString, healthReasonCodes: StringList, durationSeconds: JqNumber },
  'ReconcileLineView',
);
export type ReconcileLineView = t.TypeOf<typeof ReconcileLineView>;

/** One `telemetry/control.jsonl` line. */
export const ControlLineView = lenientObject({ status: AnyString, reasonCode: AnyString }, 'ControlLineView');
export type ControlLineView = t.TypeOf<typeof ControlLineView>;
