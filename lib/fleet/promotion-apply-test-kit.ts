// Test support for promotion apply: a guarded_auto registry, a request, and an in-memory run of a plan's
// phases (the registry document, the apply state and the ledger as the edge would leave them).
import * as E from 'fp-ts/lib/Either.js';
import { fold } from '../core/projection.js';
import type { JsonObject } from '../core/json-object.js';
import { applyLedgerProjection, priorApplyOf } from './promotion-apply-ledger.js';
import {
  decideApply,
  type ApplyFacts,
  type ApplyPlan,
  type ApplyRequest,
  type ApplyTargets,
} from './promotion-apply.js';

export const AS_OF = { iso: '2026-03-01T00:00:00Z', ms: 1772323200000 };
export const TARGETS: ApplyTargets = {
  registry: 'fleet/registry.v1.json',
  applyState: 'fleet/promotion-apply-state.json',
  applyTelemetry: 'fleet/telemetry/promotion-apply.jsonl',
};

export const registryDoc = (canaryPercent: number, manual: boolean, mode = 'guarded_auto'): JsonObject => ({
  schemaVersion: 'v1',
  fleetId: 'fleet-kit',
  loops: [{ loopId: 'loop-a', transport: 'local' }],
  policy: {
    mode,
    autonomous: {
      governance: {
        actor: 'ops-initial',
        approvalRef: 'CAB-0',
        rationale: 'initial',
        changedAt: '2026-02-01T00:00:00Z',
        reviewBy: '2026-12-01T00:00:00Z',
      },
      rollout: { canaryPercent, pause: { manual } },
    },
  },
});

export const request = (over: Partial<ApplyRequest> = {}): ApplyRequest => ({
  intent: 'expand',
  expandStep: 25,
  idempotencyKey: null,
  traceId: 'trace-kit',
  loopId: null,
  horizonRef: null,
  evidenceRefs: [],
  actor: 'ops-user',
  approvalRef: 'CAB-1',
  rationale: 'kit',
  reviewBy: '2026-06-01T00:00:00Z',
  files: {
    registryFile: '/r/registry.v1.json',
    promotionStateFile: '/r/promotion-state.json',
    applyStateFile: '/r/promotion-apply-state.json',
    applyTelemetryFile: '/r/promotion-apply.jsonl',
  },
  ...over,
});

export const facts = (registry: unknown, over: Partial<ApplyFacts> = {}): ApplyFacts => ({
  promotionDecision: 'promote',
  registry: { kind: 'found', value: registry },
  prior: null,
  ...over,
});

/** What the edge holds: the registry document, the apply state and the telemetry lines. */
export interface World {
  readonly registry: unknown;
  readonly applyState: unknown;
  readonly ledger: readonly unknown[];
}

/** Applies a plan's effects to the world, as applyEffects would to the files. */
export const applyPlan = (w: World, plan: ApplyPlan): World =>
  plan.phases.flat().reduce<World>((acc, e) => {
    if (e.kind === 'append') return { ...acc, ledger: [...acc.ledger, ...e.records] };
    if (e.kind !== 'write') return acc;
    return e.path === TARGETS.registry ? { ...acc, registry: e.value } : { ...acc, applyState: e.value };
  }, w);

/** One run of apply against the world: gather (ledger folded), decide, apply. */
export const runApply = (
  w: World,
  r: ApplyRequest,
  decision = 'promote',
): { world: World; plan: ApplyPlan } => {
  const ledger = fold(
    applyLedgerProjection,
    w.ledger.map((value, i) => ({ value, position: { line: i + 1, byteOffset: i } })),
  );
  const f = facts(w.registry, { promotionDecision: decision, prior: priorApplyOf(ledger, r.idempotencyKey) });
  const plan = decideApply(r, f, TARGETS, AS_OF);
  if (E.isLeft(plan)) throw new Error(plan.left.errorLine);
  return { world: applyPlan(w, plan.right), plan: plan.right };
};
