// Given a policy state and the previous handoff state, when the handoff is planned, then a candidate's
// recommendedIntent is the intent (and is kept), an intent left execution_ambiguous/failed in the
// previous state is retry-guarded, and `--confirm` alone is refused with the reference's line.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { handoffOptionsOf } from './handoff-options.js';
import { planHandoff, priorGuardOf, type PlanInputs } from './handoff-plan.js';
import { decodePlanPolicy, priorStatuses } from './handoff-views.js';
import { normalizeRegistry } from './registry-normalize.js';

const registry = () => {
  const raw = { schemaVersion: 'v1', fleetId: 'f', loops: [{ loopId: 'red' }] };
  const r = normalizeRegistry(raw, '/r', { asOfMs: Date.parse('2026-03-01T00:00:00Z') });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

const candidate = (extra: Record<string, unknown> = {}) => ({
  candidateId: 'red:reconcile_failed',
  loopId: 'red',
  category: 'reconcile_failed',
  suppressed: false,
  autonomous: { eligible: true, manualOnly: false, reasons: [] },
  ...extra,
});

const plan = (c: Record<string, unknown>, more: Partial<PlanInputs> = {}) =>
  planHandoff({
    policy: decodePlanPolicy({ fleetId: 'f', traceId: 'tp', mode: 'guarded_auto', candidates: [c] }),
    registry: registry(),
    traceId: 'th',
    idempotencyPrefix: 'fleet-handoff',
    generatedAt: '2026-03-01T00:00:00Z',
    lastOutcome: () => undefined,
    files: { registryFile: '/r', policyStateFile: '/p' },
    ...more,
  });

describe('planning a handoff with the reference policy fields', () => {
  it('uses and keeps a candidate recommendedIntent', () => {
    const [i] = plan(candidate({ recommendedIntent: 'approve' })).intents;
    expect(i).toMatchObject({
      intent: 'approve',
      recommendedIntent: 'approve',
      intentId: 'red:reconcile_failed:approve',
    });
  });
  it('maps the category when no intent is recommended, leaving recommendedIntent out', () => {
    const [i] = plan(candidate()).intents;
    expect(i?.intent).toBe('cancel');
    expect(i).not.toHaveProperty('recommendedIntent');
  });
});

describe('the retry guard over the previous handoff state', () => {
  it.each([
    ['execution_ambiguous', 'autonomous_retry_guard_ambiguous'],
    ['execution_failed', 'autonomous_retry_guard_failed'],
    ['executed', null],
    [undefined, null],
  ])('a previous status %s guards with %s', (status, reason) => {
    expect(priorGuardOf(status)).toBe(reason);
  });
  it('holds an eligible intent left ambiguous back as manual-only, reason-coded', () => {
    const prior = priorStatuses({
      intents: [{ intentId: 'red:reconcile_failed:cancel', status: 'execution_ambiguous' }],
    });
    const p = plan(candidate(), { priorStatus: (id) => prior.get(id) });
    expect(p.intents[0]?.autonomous).toEqual({
      eligible: false,
      manualOnly: true,
      reasons: ['autonomous_retry_guard_ambiguous'],
    });
    expect(p.reasonCodes).toContain('fleet_handoff_retry_guarded');
    expect(p.summary.autoEligibleIntentCount).toBe(0);
  });
});

describe('handoff flags', () => {
  it('refuses --confirm without --execute with the reference line', () => {
    expect(handoffOptionsOf({ confirm: true })).toEqual(E.left('--confirm can only be used with --execute'));
  });
});
