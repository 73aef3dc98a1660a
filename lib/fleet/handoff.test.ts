// Handoff planning and execution, one situation each: intents from unsuppressed candidates, every
// handoff reason code, the retry guard after ambiguous or failed autonomous outcomes, the live
// registry blocks on autonomous dispatch, and folding control outcomes back into the state.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fold } from '../core/projection.js';
import { positionEvents } from '../testing/given.js';
import {
  applyExecution,
  executeTelemetry,
  holdBack,
  liveAutonomyBlocks,
  outcomeOfExit,
  targetsOf,
  unknownFilters,
  type DispatchResult,
} from './handoff-execute.js';
import { handoffHistoryProjection } from './handoff-history.js';
import { idempotencyKeyOf, planHandoff, slug } from './handoff-plan.js';
import { planRecorded, stateRecorded } from './handoff-record.js';
import { decodePlanPolicy } from './handoff-views.js';
import { normalizeRegistry } from './registry-normalize.js';
import { GOV } from './policy-test-kit.js';

const registry = (
  policy: Record<string, unknown> = {},
  loops: unknown[] = [
    { loopId: 'loop-red' },
    {
      loopId: 'loop-blue',
      transport: 'sprite_service',
      service: { baseUrl: 'http://sprite', tokenEnv: 'TOK' },
    },
  ],
) => {
  const r = normalizeRegistry({ schemaVersion: 'v1', fleetId: 'f', loops, policy }, '/r', {
    asOfMs: Date.parse('2026-03-01T00:00:00Z'),
  });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const candidate = (
  loopId: string,
  category: string,
  autonomous?: Record<string, unknown>,
  suppressed = false,
) => ({
  candidateId: `${loopId}:${category}`,
  loopId,
  category,
  severity: 'critical',
  confidence: 'high',
  suppressed,
  traceId: `t-${loopId}`,
  ...(autonomous === undefined ? {} : { autonomous }),
});
const eligible = { eligible: true, manualOnly: false, reasons: [] };
const manual = { eligible: false, manualOnly: true, reasons: ['category_not_allowlisted'] };
const policy = (mode: string, candidates: unknown[]) => ({
  fleetId: 'f',
  traceId: 'trace-policy',
  mode,
  candidates,
});
const plan = (p: unknown, history: unknown[] = [], reg = registry()) => {
  const h = fold(handoffHistoryProjection, positionEvents(history));
  return planHandoff({
    policy: decodePlanPolicy(p),
    registry: reg,
    traceId: 'trace-handoff-1',
    idempotencyPrefix: 'fleet-handoff',
    generatedAt: '2026-03-01T00:00:00Z',
    lastOutcome: (id) => h.lastOutcomeByIntent[id],
    files: { registryFile: '/r', policyStateFile: '/p' },
  });
};
const outcome = (mode: string, intentId: string, status: string) => ({
  timestamp: '2026-02-28T00:00:00Z',
  category: 'fleet_handoff_execute',
  traceId: 'trace-old',
  execution: { mode, requestedIntentCount: 1, results: [{ intentId, status, reasonCode: 'x' }] },
});

describe('given a policy state', () => {
  it('each unsuppressed candidate becomes a pending cancel intent with transport, key and trace linkage', () => {
    const p = plan(
      policy('advisory', [
        candidate('loop-red', 'reconcile_failed'),
        candidate('loop-blue', 'health_critical'),
        candidate('loop-blue', 'health_degraded', undefined, true),
      ]),
    );
    expect(p.intents.map((i) => [i.intentId, i.status, i.transport])).toEqual([
      ['loop-blue:health_critical:cancel', 'pending_operator_confirmation', 'sprite_service'],
      ['loop-red:reconcile_failed:cancel', 'pending_operator_confirmation', 'local'],
    ]);
    expect(p.intents[0]).toMatchObject({
      idempotencyKey: 'fleet-handoff-trace-handoff-1-loop-blue-health_critical-cancel',
      fleetTraceId: 'trace-handoff-1',
      policyTraceId: 'trace-policy',
      candidateTraceId: 't-loop-blue',
      service: { baseUrl: 'http://sprite', tokenEnv: 'TOK', retryAttempts: 3, retryBackoffSeconds: 1 },
      requiresOperatorConfirmation: true,
    });
    expect(p.summary).toMatchObject({
      candidateCount: 3,
      unsuppressedCandidateCount: 2,
      intentCount: 2,
      pendingConfirmationCount: 2,
    });
    expect(p.reasonCodes).toEqual(['fleet_handoff_action_required', 'fleet_handoff_confirmation_pending']);
  });

  it('without unsuppressed candidates there is nothing to do: fleet_handoff_no_action', () => {
    expect(
      plan(policy('advisory', [candidate('loop-red', 'health_critical', undefined, true)])).reasonCodes,
    ).toEqual(['fleet_handoff_no_action']);
  });

  it('a candidate of an unknown category cannot be mapped: partial mapping, and unmapped when none maps', () => {
    expect(
      plan(policy('advisory', [candidate('loop-red', 'reconcile_failed'), candidate('loop-red', 'mystery')]))
        .reasonCodes,
    ).toEqual([
      'fleet_handoff_action_required',
      'fleet_handoff_confirmation_pending',
      'fleet_handoff_partial_mapping',
    ]);
    expect(plan(policy('advisory', [candidate('loop-red', 'mystery')])).reasonCodes).toEqual([
      'fleet_handoff_no_action',
      'fleet_handoff_partial_mapping',
      'fleet_handoff_unmapped_candidates',
    ]);
  });

  it('the policy classification is kept: fleet_handoff_auto_eligible_intents', () => {
    const p = plan(
      policy('guarded_auto', [
        candidate('loop-red', 'reconcile_failed', eligible),
        candidate('loop-blue', 'health_critical', manual),
      ]),
    );
    expect(p.summary).toMatchObject({
      autoEligibleIntentCount: 1,
      manualOnlyIntentCount: 1,
      pendingManualOnlyCount: 1,
    });
    expect(p.reasonCodes).toContain('fleet_handoff_auto_eligible_intents');
  });
});

describe('given the latest outcome of an intent', () => {
  const p0 = policy('guarded_auto', [candidate('loop-red', 'reconcile_failed', eligible)]);
  it('an ambiguous autonomous outcome guards it: manual-only, autonomous_retry_guard_ambiguous, fleet_handoff_retry_guarded', () => {
    const p = plan(p0, [outcome('autonomous', 'loop-red:reconcile_failed:cancel', 'ambiguous')]);
    expect(p.intents[0]?.autonomous).toEqual({
      eligible: false,
      manualOnly: true,
      reasons: ['autonomous_retry_guard_ambiguous'],
    });
    expect(p.reasonCodes).toEqual(
      expect.arrayContaining(['fleet_handoff_retry_guarded', 'fleet_handoff_confirmation_pending']),
    );
    expect(targetsOf(p, 'autonomous', { loops: [], intentIds: [] })).toEqual([]);
  });
  it('a failed autonomous outcome guards it as autonomous_retry_guard_failed', () => {
    const p = plan(p0, [outcome('autonomous', 'loop-red:reconcile_failed:cancel', 'failed')]);
    expect(p.intents[0]?.autonomous.reasons).toEqual(['autonomous_retry_guard_failed']);
  });
  it('a later manual execution lifts the guard; an executed autonomous outcome never sets it', () => {
    const h = [
      outcome('autonomous', 'loop-red:reconcile_failed:cancel', 'ambiguous'),
      outcome('manual', 'loop-red:reconcile_failed:cancel', 'executed'),
    ];
    expect(plan(p0, h).intents[0]?.autonomous.eligible).toBe(true);
    expect(
      plan(p0, [outcome('autonomous', 'loop-red:reconcile_failed:cancel', 'executed')]).intents[0]?.autonomous
        .eligible,
    ).toBe(true);
  });
});

describe('given an execution request', () => {
  const p = plan(
    policy('guarded_auto', [
      candidate('loop-red', 'reconcile_failed', eligible),
      candidate('loop-blue', 'health_critical', manual),
    ]),
  );
  it('autonomous execution targets only pending eligible intents; manual execution targets the filtered pending ones', () => {
    expect(targetsOf(p, 'autonomous', { loops: [], intentIds: [] }).map((i) => i.loopId)).toEqual([
      'loop-red',
    ]);
    expect(targetsOf(p, 'manual', { loops: [], intentIds: [] }).map((i) => i.loopId)).toEqual([
      'loop-blue',
      'loop-red',
    ]);
    expect(targetsOf(p, 'manual', { loops: ['loop-blue'], intentIds: [] }).map((i) => i.loopId)).toEqual([
      'loop-blue',
    ]);
  });
  it('filters that match no intent are reported (the command refuses them)', () => {
    expect(unknownFilters(p, { loops: ['loop-red', 'ghost'], intentIds: ['nope'] })).toEqual({
      loops: ['ghost'],
      intentIds: ['nope'],
    });
  });
  it('a registry kill switch or manual pause set after the policy ran holds eligible intents back', () => {
    const reg = registry({
      mode: 'guarded_auto',
      autonomous: { governance: GOV, safety: { killSwitch: true }, rollout: { pause: { manual: true } } },
    });
    const blocks = liveAutonomyBlocks(reg);
    expect(blocks).toEqual(['autonomous_kill_switch_enabled', 'autonomous_rollout_paused_manual']);
    const held = holdBack(p, blocks);
    expect(held.intents.find((i) => i.loopId === 'loop-red')?.autonomous).toEqual({
      eligible: false,
      manualOnly: true,
      reasons: blocks,
    });
    expect(targetsOf(held, 'autonomous', { loops: [], intentIds: [] })).toEqual([]);
    // The registry's own mode is no block: the policy state's guarded_auto gates, as in the reference.
    expect(liveAutonomyBlocks(registry())).toEqual([]);
  });
  it.each([
    [0, 'executed', 'control_confirmed'],
    [2, 'ambiguous', 'control_ambiguous'],
    [1, 'failed', 'control_failed_command'],
    [64, 'failed', 'control_failed_command'],
    [75, 'failed', 'control_lock_held'],
  ])('loop control exit %i is %s (%s)', (code, status, reasonCode) => {
    expect(outcomeOfExit(code)).toEqual({ status, reasonCode });
  });
});

describe('given control outcomes', () => {
  const p = plan(
    policy(
      'guarded_auto',
      ['loop-ok', 'loop-amb', 'loop-fail'].map((l) => candidate(l, 'reconcile_failed', eligible)),
    ),
    [],
    registry({}, [{ loopId: 'loop-ok' }, { loopId: 'loop-amb' }, { loopId: 'loop-fail' }]),
  );
  const res = (loopId: string, code: number): DispatchResult => ({
    intentId: `${loopId}:reconcile_failed:cancel`,
    loopId,
    intent: 'cancel',
    traceId: 'trace-handoff-1',
    idempotencyKey: `k-${loopId}`,
    requestedBy: 'ops-bot',
    executedAt: '2026-03-01T00:00:01Z',
    ...outcomeOfExit(code),
    controlExitCode: code,
    control: { status: 'x', confirmed: code === 0 },
  });
  const meta = {
    mode: 'autonomous' as const,
    requestedBy: 'ops-bot',
    requestedAt: 'a',
    completedAt: 'b',
    note: '',
    requestedIntentCount: 3,
  };
  const s = applyExecution(p, meta, [res('loop-ok', 0), res('loop-amb', 2), res('loop-fail', 1)]);

  it('intent statuses, counts and reason codes follow each outcome', () => {
    expect(s.intents.map((i) => [i.loopId, i.status])).toEqual([
      ['loop-amb', 'execution_ambiguous'],
      ['loop-fail', 'execution_failed'],
      ['loop-ok', 'executed'],
    ]);
    expect(s.summary).toMatchObject({
      executedCount: 1,
      ambiguousCount: 1,
      failedCount: 1,
      pendingConfirmationCount: 0,
    });
    expect(s.execution).toMatchObject({
      mode: 'autonomous',
      requestedIntentCount: 3,
      executedIntentCount: 3,
      executedCount: 1,
      ambiguousCount: 1,
      failedCount: 1,
    });
    expect(s.reasonCodes).toEqual(
      expect.arrayContaining([
        'fleet_handoff_executed',
        'fleet_handoff_execution_ambiguous',
        'fleet_handoff_execution_failed',
      ]),
    );
  });

  it('the execute telemetry line folds back into the outcomes the retry guard reads', () => {
    const h = fold(
      handoffHistoryProjection,
      positionEvents([JSON.parse(JSON.stringify(executeTelemetry(s)))]),
    );
    expect(h.autonomousExecutions).toMatchObject([
      { attempted: 3, executedCount: 1, ambiguousCount: 1, failedCount: 1 },
    ]);
    expect(h.lastOutcomeByIntent['loop-amb:reconcile_failed:cancel']).toMatchObject({
      mode: 'autonomous',
      status: 'ambiguous',
    });
  });
});

describe('the idempotency key', () => {
  it('is the slugged prefix, trace, loop, category and intent', () => {
    expect(slug('--Trace ID/1--')).toBe('trace-id-1');
    expect(idempotencyKeyOf('Fleet Handoff', 'T#1', ['loop A', 'health_critical', 'cancel'])).toBe(
      'fleet-handoff-t-1-loop-a-health_critical-cancel',
    );
  });
});

describe('given a plan, when the run is recorded', () => {
  const files = { handoffStateFile: '/s.json', handoffTelemetryFile: '/t.jsonl' };
  const p = plan(policy('advisory', [candidate('loop-red', 'reconcile_failed')]));
  it('the plan line is appended on its own, before anything is dispatched', () => {
    expect(planRecorded(files, p)).toEqual([
      {
        kind: 'append',
        path: '/t.jsonl',
        records: [expect.objectContaining({ category: 'fleet_handoff_plan' })],
      },
    ]);
  });
  it('without an execution, the plan is the state written and printed', () => {
    const r = stateRecorded(files, p, null);
    expect(r.state).toBe(p);
    expect(r.effects).toEqual([{ kind: 'write', path: '/s.json', value: p, pretty: false }]);
  });
});
