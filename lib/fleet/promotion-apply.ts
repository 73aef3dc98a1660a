// `fleet promotion-apply` as one pure decision: from the promotion decision, the registry document and
// the record last applied under the idempotency key, what to print and which effects to apply (the
// mutated registry, the apply state, one telemetry line). Refusals carry the reference's `error:` line.
// Law: apply is idempotent per idempotency key: with a prior record for the key, the only effect is the
// apply state (a replay), so the registry is not mutated again and no telemetry line is appended.
import * as E from 'fp-ts/lib/Either.js';
import type { JsonObject } from '../core/json-object.js';
import { parseRfc3339 } from '../core/time.js';
import type { Effect } from '../io/effects.js';
import { uniqueSorted } from './json.js';
import type { ApplyIntent, PromotionApplyRecord } from './promotion-apply-codecs.js';
import { mutateRegistry, rolloutAfter, type RolloutPoint } from './promotion-apply-mutate.js';
import { normalizeRegistry } from './registry-normalize.js';
import type { NormalizedRegistry } from './registry-types.js';

/** The operator's request, flags already checked (see promotion-apply-request.ts). */
export interface ApplyRequest {
  readonly intent: ApplyIntent;
  readonly expandStep: number;
  readonly idempotencyKey: string | null;
  readonly traceId: string;
  readonly loopId: string | null;
  readonly horizonRef: string | null;
  readonly evidenceRefs: readonly string[];
  readonly actor: string;
  readonly approvalRef: string;
  readonly rationale: string;
  readonly reviewBy: string;
  /** The files as the operator named them (printed in `files`). */
  readonly files: PromotionApplyRecord['files'];
}

/** Where the effects go (paths for the Store). */
export interface ApplyTargets {
  readonly registry: string;
  readonly applyState: string;
  readonly applyTelemetry: string;
}

/** What the edge read. */
export interface ApplyFacts {
  /** `summary.decision` of the promotion state; null when absent. */
  readonly promotionDecision: string | null;
  /** The registry document (`missing`: no file). */
  readonly registry: { readonly kind: 'missing' } | { readonly kind: 'found'; readonly value: unknown };
  /** The record last applied under the request's idempotency key. */
  readonly prior: JsonObject | null;
}

export interface ApplyRefusal {
  readonly errorLine: string;
  readonly details: readonly string[];
}

export interface ApplyPlan {
  readonly result: PromotionApplyRecord | JsonObject;
  readonly replayed: boolean;
  /**
   * The effects in phases, each applied (in the crash-safe order) only after the one before it
   * succeeded. The telemetry line is the idempotency ledger, so it comes after the registry write: a
   * failed write leaves the key unapplied and a retry applies it, never a replay of a change that was
   * not made.
   */
  readonly phases: readonly (readonly Effect[])[];
}

export interface ApplyInstant {
  readonly iso: string;
  readonly ms: number;
}

const refuse = (errorLine: string, details: readonly string[] = []): E.Either<ApplyRefusal, never> =>
  E.left({ errorLine, details });

/** Pure: the evidence refs of a request: the operator's and the promotion state, sorted, unique. */
export const applyEvidenceRefs = (r: ApplyRequest): string[] =>
  uniqueSorted([...r.evidenceRefs, r.files.promotionStateFile].filter((s) => s !== ''));

/** The reference's checks before anything is read for mutation, in its order. */
const precheck = (r: ApplyRequest, f: ApplyFacts, asOf: ApplyInstant): E.Either<ApplyRefusal, string> => {
  const decision = f.promotionDecision;
  if (decision === null || decision === '') return refuse('promotion state missing summary.decision');
  if (r.intent !== 'rollback' && decision !== 'promote')
    return refuse(`intent ${r.intent} requires promotion decision promote (found: ${decision})`);
  const reviewBy = parseRfc3339(r.reviewBy);
  if (!reviewBy.ok) return refuse('--review-by must be an ISO-8601 timestamp');
  if (reviewBy.ms <= asOf.ms) return refuse('--review-by must be in the future');
  return E.right(decision);
};

const replay = (r: ApplyRequest, prior: JsonObject, t: ApplyTargets): ApplyPlan => {
  const result = {
    ...prior,
    replayed: true,
    loopId: prior['loopId'] ?? r.loopId,
    horizonRef: prior['horizonRef'] ?? r.horizonRef,
    evidenceRefs: prior['evidenceRefs'] ?? applyEvidenceRefs(r),
  };
  return { result, replayed: true, phases: [[{ kind: 'write', path: t.applyState, value: result }]] };
};

const normalized = (raw: unknown, file: string, asOf: ApplyInstant, errorLine: string) => {
  const n = normalizeRegistry(raw, file, { asOfMs: asOf.ms });
  return E.isRight(n)
    ? E.right(n.right)
    : refuse(errorLine, 'invalid' in n.left ? n.left.invalid.map((m) => `- ${m}`) : []);
};

const pointOf = (n: NormalizedRegistry): RolloutPoint => ({
  canaryPercent: n.policy.autonomous.rollout.canaryPercent,
  manualPause: n.policy.autonomous.rollout.pause.manual,
});

interface Applied {
  readonly decision: string;
  readonly fleetId: string;
  readonly before: RolloutPoint;
  readonly after: RolloutPoint;
}

const recordOf = (r: ApplyRequest, a: Applied, changedAt: string): PromotionApplyRecord => ({
  schemaVersion: 'v1',
  timestamp: changedAt,
  category: 'promotion_apply',
  fleetId: a.fleetId,
  traceId: r.traceId,
  loopId: r.loopId,
  horizonRef: r.horizonRef,
  evidenceRefs: applyEvidenceRefs(r),
  idempotencyKey: r.idempotencyKey,
  status: 'applied',
  intent: r.intent,
  decision: a.decision,
  governance: {
    actor: r.actor,
    approvalRef: r.approvalRef,
    rationale: r.rationale,
    changedAt,
    reviewBy: r.reviewBy,
  },
  rollout: {
    before: a.before,
    after: a.after,
    changed: {
      canaryPercent: a.before.canaryPercent !== a.after.canaryPercent,
      manualPause: a.before.manualPause !== a.after.manualPause,
    },
  },
  files: r.files,
  reasonCodes: [],
});

const mutate = (
  r: ApplyRequest,
  { decision, raw }: { readonly decision: string; readonly raw: unknown },
  t: ApplyTargets,
  asOf: ApplyInstant,
): E.Either<ApplyRefusal, ApplyPlan> => {
  const current = normalized(raw, r.files.registryFile, asOf, 'failed to read/validate fleet registry');
  if (E.isLeft(current)) return current;
  if (current.right.policy.mode !== 'guarded_auto')
    return refuse('promotion apply requires policy.mode guarded_auto');
  const before = pointOf(current.right);
  const governance = { ...r, changedAt: asOf.iso };
  const doc = mutateRegistry(raw, rolloutAfter(before, r.intent, r.expandStep), governance);
  const next = normalized(doc, r.files.registryFile, asOf, 'mutated registry failed validation');
  if (E.isLeft(next)) return next;
  const applied = { decision, fleetId: next.right.fleetId, before, after: pointOf(next.right) };
  const record = recordOf(r, applied, asOf.iso);
  const phases: Effect[][] = [
    [{ kind: 'write', path: t.registry, value: doc }],
    [
      { kind: 'append', path: t.applyTelemetry, records: [record] },
      { kind: 'write', path: t.applyState, value: record },
    ],
  ];
  return E.right({ result: record, replayed: false, phases });
};

/** Pure: the plan of one apply run at `asOf`, or the refusal (nothing is written then). */
export const decideApply = (
  r: ApplyRequest,
  f: ApplyFacts,
  t: ApplyTargets,
  asOf: ApplyInstant,
): E.Either<ApplyRefusal, ApplyPlan> => {
  const checked = precheck(r, f, asOf);
  if (E.isLeft(checked)) return checked;
  if (f.prior !== null) return E.right(replay(r, f.prior, t));
  if (f.registry.kind === 'missing')
    return refuse('failed to read/validate fleet registry', [
      `fleet registry file not found: ${r.files.registryFile}`,
    ]);
  return mutate(r, { decision: checked.right, raw: f.registry.value }, t, asOf);
};
