// The apply ledger: fleet/telemetry/promotion-apply.jsonl folded to the latest record per idempotency
// key, so a replayed key answers with what was applied instead of applying again. Laws: evolve is total
// (a row without a key is counted, not kept); the last row of a key wins; fold(all) ==
// foldFrom(fold(prefix), rest).
import type { Projection } from '../core/projection.js';
import { isObject, type JsonObject } from '../core/json-object.js';

export interface ApplyLedgerState {
  /** The latest record of each idempotency key. */
  readonly byKey: Readonly<Record<string, JsonObject>>;
  readonly records: number;
  readonly unkeyed: number;
}

const initial: ApplyLedgerState = { byKey: {}, records: 0, unkeyed: 0 };

/** The key a record was applied under ("" and absent: none, as the reference's `// ""`). */
const keyOf = (v: unknown): string | null => {
  if (!isObject(v)) return null;
  const key = v['idempotencyKey'];
  return typeof key === 'string' && key !== '' ? key : null;
};

export const applyLedgerProjection: Projection<ApplyLedgerState, unknown> = {
  name: 'fleet-promotion-apply-ledger',
  version: 1,
  initial,
  evolve(state, event) {
    const key = keyOf(event.value);
    if (key === null || !isObject(event.value))
      return { ...state, records: state.records + 1, unkeyed: state.unkeyed + 1 };
    return { ...state, records: state.records + 1, byKey: { ...state.byKey, [key]: event.value } };
  },
};

/** Pure: the record last applied under `key`, or null (no key given, or never applied). */
export const priorApplyOf = (state: ApplyLedgerState, key: string | null): JsonObject | null =>
  // Own keys only: a key such as `constructor` or `__proto__` never answers with Object.prototype.
  key !== null && Object.hasOwn(state.byKey, key) ? (state.byKey[key] ?? null) : null;
