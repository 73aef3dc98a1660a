// Decisions are pure functions of projected state, config and an explicit asOf. Every non-default
// outcome carries machine-readable reason codes from a closed, per-domain list.

/** A decided value, the reasons behind it (snake_case codes) and the time it was decided for. */
export interface Decision<T, R extends string> {
  readonly value: T;
  readonly reasons: readonly R[];
  readonly asOf: string;
}

/** Kubernetes-style condition status: Unknown is an honest answer when evidence is missing. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition<R extends string> {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: R | null;
  readonly message: string;
}

/** Pure: builds a decision; reasons are de-duplicated and kept in first-seen order. */
export const decide = <T, R extends string>(
  value: T,
  reasons: readonly R[],
  asOf: string,
): Decision<T, R> => ({
  value,
  reasons: [...new Set(reasons)],
  asOf,
});
