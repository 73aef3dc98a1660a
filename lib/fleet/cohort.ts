// Deterministic rollout cohorts. A loop's bucket (0..99) is a stable hash of `<loopId>|<salt>`: the
// same loop and salt always land in the same bucket, on every machine and run, and a loop is in the
// canary when its bucket is below the canary percentage. The hash is the reference's (start 17,
// ×31 + code point, mod 1 000 003), so buckets match the reference's for the same ids.
// Law: bucketOf is a pure function of its seed; inCanary(b, 0) is false and inCanary(b, 100) true.

/** Pure: the bucket (0..99) of a seed string. */
export const bucketOf = (seed: string): number => {
  let v = 17;
  for (const ch of seed) v = (v * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_003;
  return v % 100;
};

/** Pure: the seed the reference hashes for a loop. */
export const cohortSeed = (loopId: string, salt: string): string => `${loopId}|${salt}`;

/** Pure: whether a bucket is selected at `canaryPercent`. */
export const inCanary = (bucket: number, canaryPercent: number): boolean =>
  canaryPercent <= 0 ? false : canaryPercent >= 100 ? true : bucket < canaryPercent;

export interface CohortDecision {
  readonly bucket: number;
  readonly inScope: boolean;
  readonly canarySelected: boolean;
  readonly inCohort: boolean;
}

/** Pure: where a loop stands in the rollout (empty scope = every loop). */
export const cohortOf = (
  loopId: string,
  rollout: {
    readonly canaryPercent: number;
    readonly scopeLoopIds: readonly string[];
    readonly salt: string;
  },
): CohortDecision => {
  const bucket = bucketOf(cohortSeed(loopId, rollout.salt));
  const inScope = rollout.scopeLoopIds.length === 0 || rollout.scopeLoopIds.includes(loopId);
  const canarySelected = inCanary(bucket, rollout.canaryPercent);
  return { bucket, inScope, canarySelected, inCohort: inScope && canarySelected };
};
