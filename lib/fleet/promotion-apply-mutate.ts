// The registry change a promotion apply makes, on the operator's own document: only the rollout
// (canary percent, manual pause) and the governance block change; every other key stays as written.
import { isObject, type JsonObject } from '../core/json-object.js';
import type { ApplyIntent } from './promotion-apply-codecs.js';

export interface RolloutPoint {
  readonly canaryPercent: number;
  readonly manualPause: boolean;
}

export interface GovernanceChange {
  readonly actor: string;
  readonly approvalRef: string;
  readonly rationale: string;
  readonly changedAt: string;
  readonly reviewBy: string;
}

/** Pure: the rollout after `intent`: expand widens the canary (capped at 100), rollback pauses. */
export const rolloutAfter = (
  before: RolloutPoint,
  intent: ApplyIntent,
  expandStep: number,
): RolloutPoint => ({
  canaryPercent:
    intent === 'expand' ? Math.min(100, before.canaryPercent + expandStep) : before.canaryPercent,
  manualPause: intent === 'rollback',
});

/** Pure: `doc` with `value` at `path`, creating the objects on the way (jq's `.a.b = v`). */
const setIn = (doc: unknown, path: readonly string[], value: unknown): unknown => {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const obj: JsonObject = isObject(doc) ? doc : {};
  return { ...obj, [head]: setIn(obj[head], rest, value) };
};

/** Pure: the registry document with the new rollout and governance. */
export const mutateRegistry = (raw: unknown, after: RolloutPoint, g: GovernanceChange): unknown => {
  const rollout = ['policy', 'autonomous', 'rollout'];
  const governance = ['policy', 'autonomous', 'governance'];
  const changes: readonly [readonly string[], unknown][] = [
    [[...rollout, 'canaryPercent'], after.canaryPercent],
    [[...rollout, 'pause', 'manual'], after.manualPause],
    [[...governance, 'actor'], g.actor],
    [[...governance, 'approvalRef'], g.approvalRef],
    [[...governance, 'rationale'], g.rationale],
    [[...governance, 'changedAt'], g.changedAt],
    [[...governance, 'reviewBy'], g.reviewBy],
  ];
  return changes.reduce<unknown>((doc, [path, value]) => setIn(doc, path, value), raw);
};
