// Given a promotion decision, a registry and the apply ledger, when apply decides, then the record, the
// mutated registry and the effects — or the reference's refusal.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decideApply, type ApplyPlan } from './promotion-apply.js';
import { AS_OF, TARGETS, facts, registryDoc, request, runApply } from './promotion-apply-test-kit.js';

const plan = (...args: Parameters<typeof decideApply>): ApplyPlan => {
  const p = decideApply(...args);
  if (E.isLeft(p)) throw new Error(p.left.errorLine);
  return p.right;
};
const refusal = (...args: Parameters<typeof decideApply>) => {
  const p = decideApply(...args);
  return E.isLeft(p) ? p.left : null;
};
const rolloutOf = (doc: unknown) =>
  (doc as { policy: { autonomous: { rollout: unknown; governance: unknown } } }).policy.autonomous;

describe('when the decision is promote and the intent is expand', () => {
  const world = { registry: registryDoc(25, true), applyState: null, ledger: [] };
  const { world: after, plan: p } = runApply(world, request({ expandStep: 25 }));

  it('widens the canary by the step, clears the manual pause and stamps governance', () => {
    expect(rolloutOf(after.registry).rollout).toEqual({ canaryPercent: 50, pause: { manual: false } });
    expect(rolloutOf(after.registry).governance).toEqual({
      actor: 'ops-user',
      approvalRef: 'CAB-1',
      rationale: 'kit',
      changedAt: AS_OF.iso,
      reviewBy: '2026-06-01T00:00:00Z',
    });
  });
  it('records before, after and what changed, with the promotion state as evidence', () => {
    expect(p.result).toMatchObject({
      category: 'promotion_apply',
      status: 'applied',
      fleetId: 'fleet-kit',
      intent: 'expand',
      decision: 'promote',
      timestamp: AS_OF.iso,
      rollout: {
        before: { canaryPercent: 25, manualPause: true },
        after: { canaryPercent: 50, manualPause: false },
        changed: { canaryPercent: true, manualPause: true },
      },
      evidenceRefs: ['/r/promotion-state.json'],
      loopId: null,
      horizonRef: null,
      idempotencyKey: null,
    });
    expect(after.ledger).toEqual([p.result]);
    expect(after.applyState).toEqual(p.result);
  });
  it('writes the registry in a phase before the telemetry line (the ledger)', () => {
    expect(p.phases.map((ph) => ph.map((e) => e.kind))).toEqual([['write'], ['append', 'write']]);
    expect(p.phases[0]?.[0]).toMatchObject({ path: TARGETS.registry });
  });
  it('keeps every other key of the registry as written', () => {
    expect((after.registry as { loops: unknown }).loops).toEqual([{ loopId: 'loop-a', transport: 'local' }]);
  });
});

describe('when the canary would pass 100', () => {
  it('is capped at 100', () => {
    const { plan: p } = runApply(
      { registry: registryDoc(90, false), applyState: null, ledger: [] },
      request(),
    );
    expect(p.result).toMatchObject({ rollout: { after: { canaryPercent: 100 } } });
  });
});

describe('when the intent is rollback on a hold decision', () => {
  it('is allowed: the canary stays and the manual pause is set', () => {
    const w = { registry: registryDoc(70, false), applyState: null, ledger: [] };
    const { world, plan: p } = runApply(w, request({ intent: 'rollback' }), 'hold');
    expect(rolloutOf(world.registry).rollout).toEqual({ canaryPercent: 70, pause: { manual: true } });
    expect(p.result).toMatchObject({ decision: 'hold', rollout: { changed: { canaryPercent: false } } });
  });
});

describe('when the request is refused', () => {
  const reg = registryDoc(25, false);
  it.each([
    [
      'expand on hold',
      request(),
      facts(reg, { promotionDecision: 'hold' }),
      'intent expand requires promotion decision promote (found: hold)',
    ],
    [
      'no decision',
      request(),
      facts(reg, { promotionDecision: null }),
      'promotion state missing summary.decision',
    ],
    [
      'review-by past',
      request({ reviewBy: '2026-02-01T00:00:00Z' }),
      facts(reg),
      '--review-by must be in the future',
    ],
    [
      'review-by not a time',
      request({ reviewBy: 'soon' }),
      facts(reg),
      '--review-by must be an ISO-8601 timestamp',
    ],
    [
      'advisory mode',
      request(),
      facts(registryDoc(25, false, 'advisory')),
      'promotion apply requires policy.mode guarded_auto',
    ],
    [
      'registry missing',
      request(),
      facts(reg, { registry: { kind: 'missing' } }),
      'failed to read/validate fleet registry',
    ],
    ['registry invalid', request(), facts({ schemaVersion: 'v0' }), 'failed to read/validate fleet registry'],
  ])('%s: refuses with the reference line and no effects', (_name, r, f, line) => {
    expect(refusal(r, f, TARGETS, AS_OF)?.errorLine).toBe(line);
  });
});

describe('when the idempotency key was applied before', () => {
  it('replays the first result (marked replayed) and writes only the apply state', () => {
    const w0 = { registry: registryDoc(40, true), applyState: null, ledger: [] };
    const first = runApply(w0, request({ idempotencyKey: 'k1', expandStep: 20 }));
    const again = runApply(first.world, request({ idempotencyKey: 'k1', expandStep: 30, loopId: 'loop-a' }));
    expect(again.plan.replayed).toBe(true);
    // A seam field the first run left null is filled from the replaying request, as the reference does.
    expect(again.plan.result).toEqual({ ...first.plan.result, replayed: true, loopId: 'loop-a' });
    expect(again.world.registry).toEqual(first.world.registry);
    expect(again.world.ledger).toHaveLength(1);
  });
  it('still refuses an intent the decision does not allow, as the reference checks that first', () => {
    const prior = { intent: 'expand', idempotencyKey: 'k1' };
    const r = refusal(
      request({ idempotencyKey: 'k1' }),
      facts(registryDoc(25, false), { promotionDecision: 'hold', prior }),
      TARGETS,
      AS_OF,
    );
    expect(r?.errorLine).toContain('requires promotion decision promote');
  });
});

describe('when the evidence refs are given', () => {
  it('lists them with the promotion state, sorted and without duplicates', () => {
    const p = plan(
      request({ evidenceRefs: ['b://x', 'a://y', 'b://x', ''] }),
      facts(registryDoc(1, false)),
      TARGETS,
      AS_OF,
    );
    expect(p.result['evidenceRefs']).toEqual(['/r/promotion-state.json', 'a://y', 'b://x']);
  });
});
