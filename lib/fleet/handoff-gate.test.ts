// Given a handoff plan, when an execution is asked for, then unknown filters and autonomy outside
// guarded_auto are refused with the reference's lines, and live registry blocks hold intents back.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { gatePlan } from './handoff-gate.js';
import { planHandoff } from './handoff-plan.js';
import { decodePlanPolicy } from './handoff-views.js';
import { GOV } from './policy-test-kit.js';
import { normalizeRegistry } from './registry-normalize.js';

const registry = (policy: Record<string, unknown>) => {
  const raw = { schemaVersion: 'v1', fleetId: 'f', loops: [{ loopId: 'red' }], policy };
  const r = normalizeRegistry(raw, '/r', { asOfMs: Date.parse('2026-03-01T00:00:00Z') });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const advisory = registry({});
const guarded = (safety: Record<string, unknown> = {}) =>
  registry({ mode: 'guarded_auto', autonomous: { governance: GOV, safety } });

const planOf = (mode: string, reg = advisory) =>
  planHandoff({
    policy: decodePlanPolicy({
      fleetId: 'f',
      traceId: 'tp',
      mode,
      candidates: [
        {
          candidateId: 'red:reconcile_failed',
          loopId: 'red',
          category: 'reconcile_failed',
          severity: 'critical',
          confidence: 'high',
          suppressed: false,
          autonomous: { eligible: true, manualOnly: false, reasons: [] },
        },
      ],
    }),
    registry: reg,
    traceId: 'th',
    idempotencyPrefix: 'fleet-handoff',
    generatedAt: '2026-03-01T00:00:00Z',
    lastOutcome: () => undefined,
    files: { registryFile: '/r', policyStateFile: '/p' },
  });

const none = { loops: [], intentIds: [] };

describe('gating a handoff plan', () => {
  it('passes a plan through when nothing is executed', () => {
    const plan = planOf('advisory');
    expect(gatePlan(plan, advisory, null, none)).toEqual(E.right(plan));
  });
  it('refuses a loop filter that names no intent', () => {
    const r = gatePlan(planOf('advisory'), advisory, 'manual', { loops: ['blue'], intentIds: [] });
    expect(r).toEqual(E.left({ errorLine: 'loop filter not found in handoff intents: blue', details: [] }));
  });
  it('refuses autonomous execution when the policy state is not guarded_auto, naming its mode', () => {
    const r = gatePlan(planOf('advisory'), advisory, 'autonomous', none);
    expect(r).toEqual(
      E.left({
        errorLine: '--autonomous-execute requires policy mode guarded_auto',
        details: ['policy state mode: advisory'],
      }),
    );
  });
  it('holds eligible intents back when the kill switch was set after the policy ran', () => {
    const reg = guarded({ killSwitch: true });
    const r = gatePlan(planOf('guarded_auto', guarded()), reg, 'autonomous', none);
    if (E.isLeft(r)) throw new Error('refused');
    expect(r.right.intents[0]?.autonomous).toMatchObject({ eligible: false, manualOnly: true });
    expect(r.right.intents[0]?.autonomous.reasons).toContain('autonomous_kill_switch_enabled');
  });
});
