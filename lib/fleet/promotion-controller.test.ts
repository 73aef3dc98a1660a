// Given a promotion decision, the controller's telemetry and freeze windows, when the controller runs
// over in-memory stages, then it proposes, holds, applies, rolls back, or records the failing stage
// with the reference's reason codes and statuses.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decode } from '../core/codec.js';
import { PromotionControllerState } from './promotion-controller-codecs.js';
import {
  runPromotionController,
  type ControllerInputs,
  type ControllerOutcome,
} from './promotion-controller.js';
import { controllerRequest, memoryStages, type StageScript } from './promotion-controller-test-kit.js';
import type { ControllerRequest } from './promotion-controller-steps.js';

const NOW = '2026-03-01T12:00:00Z';
const NOW_S = Date.parse(NOW) / 1000;
const inputs = (over: Partial<ControllerInputs> = {}): ControllerInputs => ({
  timestamp: NOW,
  now: NOW_S,
  previousState: null,
  mutations: [],
  freezeWindows: [],
  ...over,
});

const run = async (
  script: StageScript,
  r: Partial<ControllerRequest> = {},
  i: Partial<ControllerInputs> = {},
) => {
  const stages = memoryStages(script, NOW);
  const outcome = await runPromotionController(controllerRequest(r), stages.ports, inputs(i));
  return { outcome, calls: stages.calls, args: stages.args };
};

/** The recorded state, checked against its contract on the way. */
const stateOf = (o: ControllerOutcome) => {
  if (o.kind !== 'recorded') throw new Error(`refused: ${o.errorLine}`);
  const decoded = decode(PromotionControllerState, o.state);
  expect(E.isRight(decoded) ? 'ok' : decoded.left).toBe('ok');
  return o.state;
};

describe('fleet promotion-controller decision', () => {
  it('propose_only records a proposal after the dry run and carries the seam context to the stage', async () => {
    const { outcome, calls, args } = await run(
      {},
      { mode: 'propose_only', loopId: 'loop-a', horizonRef: 'h1', evidenceRefs: ['ev://a', 'ev://b'] },
    );
    const s = stateOf(outcome);
    expect(s.status).toBe('proposed');
    expect(s.execution).toMatchObject({ plannedAction: 'propose', action: 'propose', applyExecuted: false });
    expect(s.context).toEqual({
      traceId: 'trace-1',
      loopId: 'loop-a',
      horizonRef: 'h1',
      evidenceRefs: ['ev://a', 'ev://b'],
    });
    expect(calls).toEqual(['dry_run']);
    expect(args[0]).toEqual(
      expect.arrayContaining(['--loop-id', 'loop-a', '--horizon-ref', 'h1', '--evidence-ref', 'ev://b']),
    );
    expect(outcome.kind === 'recorded' && outcome.effects.map((e) => e.kind)).toEqual(['append', 'write']);
  });

  it('holds a stale decision without applying', async () => {
    const { outcome, calls } = await run({ generatedAt: '2026-03-01T09:00:00Z' }, { decisionTtlMinutes: 30 });
    const s = stateOf(outcome);
    expect(s.status).toBe('hold');
    expect(s.decision.freshness).toMatchObject({ pass: false, ageSeconds: 3 * 3600 });
    expect(s.decision.reasonCodes).toContain('controller_decision_stale');
    expect(s.context.horizonRef).toBeNull();
    expect(calls).toEqual(['dry_run']);
  });

  it('holds a decision that is not promote', async () => {
    const s = stateOf((await run({ preview: 'hold' })).outcome);
    expect(s.status).toBe('hold');
    expect(s.decision.reasonCodes).toEqual(['controller_decision_not_promote']);
  });

  it('holds when the window has used its applies', async () => {
    const mutations = [{ epoch: NOW_S - 3 * 3600, action: 'apply' as const, expandStep: 25 }];
    const { outcome, calls } = await run({}, {}, { mutations });
    const s = stateOf(outcome);
    expect(s.status).toBe('hold');
    expect(s.decision.budget).toMatchObject({ applyCountInWindow: 1, expandStepInWindow: 25 });
    expect(s.decision.reasonCodes).toEqual([
      'controller_budget_apply_count_exceeded',
      'controller_budget_expand_step_exceeded',
    ]);
    expect(calls).toEqual(['dry_run']);
  });

  it('holds during a freeze window and names it', async () => {
    const freezeWindows = [
      { start: '2026-03-01T11:00:00Z', end: '2026-03-01T13:00:00Z', reason: 'change-freeze' },
    ];
    const s = stateOf((await run({}, {}, { freezeWindows })).outcome);
    expect(s.status).toBe('hold');
    expect(s.decision.budget?.freezeWindowActive).toBe(true);
    expect(s.decision.budget?.freezeWindowsMatched).toEqual(freezeWindows);
    expect(s.decision.reasonCodes).toEqual(['controller_budget_freeze_window_active']);
  });

  it('applies a fresh in-budget promote and verifies it', async () => {
    const { outcome, calls } = await run({}, { idempotencyKey: 'k1' });
    const s = stateOf(outcome);
    expect(s.status).toBe('applied');
    expect(s.execution).toMatchObject({
      action: 'apply',
      applyExecuted: true,
      applyIntent: 'expand',
      expandStep: 25,
    });
    expect(s.verification).toEqual({ ran: true, status: 'pass', decision: 'promote', reasonCodes: [] });
    expect(calls).toEqual(['dry_run', 'apply', 'verify']);
  });

  it('rolls back when verification does not promote', async () => {
    const { outcome, calls } = await run({ verify: 'hold' });
    const s = stateOf(outcome);
    expect(s.status).toBe('rolled_back');
    expect(s.execution).toMatchObject({ action: 'rollback', applyExecuted: true, rollbackExecuted: true });
    expect(s.decision.reasonCodes).toEqual([
      'controller_rollback_triggered',
      'controller_verification_failed',
    ]);
    expect(calls).toEqual(['dry_run', 'apply', 'verify', 'rollback']);
  });

  it('rolls back when the verify stage itself fails', async () => {
    const s = stateOf((await run({ verifyCode: 4 })).outcome);
    expect(s.status).toBe('rolled_back');
    expect(s.verification).toMatchObject({
      status: 'fail',
      decision: null,
      reasonCodes: ['controller_verification_command_failed'],
    });
  });

  it('records a failed evaluate stage with its exit code and output', async () => {
    const { outcome } = await run({ failMode: { mode: 'dry_run', code: 71 } }, { mode: 'propose_only' });
    expect(outcome).toMatchObject({ kind: 'recorded', exitCode: 71, stageOutput: 'forced dry_run' });
    const s = stateOf(outcome);
    expect(s.status).toBe('failed');
    expect(s.error).toEqual({
      stage: 'evaluate',
      reasonCode: 'controller_evaluate_command_failed',
      exitCode: 71,
      stderr: 'forced dry_run',
    });
    expect(s.decision).toEqual({
      promotionDecision: 'unknown',
      promotionReasonCodes: [],
      failedGates: [],
      reasonCodes: ['controller_evaluate_command_failed'],
    });
  });

  it('records a failed rollback after a failed verification, the apply still counted', async () => {
    const { outcome, calls } = await run({ verify: 'hold', failMode: { mode: 'rollback', code: 73 } });
    expect(outcome).toMatchObject({ exitCode: 73 });
    const s = stateOf(outcome);
    expect(s.error?.stage).toBe('rollback');
    expect(s.execution).toMatchObject({ action: 'apply', applyExecuted: true, rollbackExecuted: false });
    expect(s.decision.reasonCodes).toEqual([
      'controller_rollback_command_failed',
      'controller_verification_failed',
    ]);
    expect(calls).toEqual(['dry_run', 'apply', 'verify', 'rollback']);
  });

  it('records a failed apply stage, nothing verified or rolled back', async () => {
    const { outcome, calls } = await run({ failMode: { mode: 'apply', code: 72 } });
    expect(outcome).toMatchObject({ exitCode: 72, stageOutput: 'forced apply' });
    const s = stateOf(outcome);
    expect(s.error).toMatchObject({ stage: 'apply', reasonCode: 'controller_apply_command_failed' });
    expect(s.execution).toMatchObject({ applyExecuted: false, rollbackExecuted: false });
    expect(calls).toEqual(['dry_run', 'apply']);
  });

  it('refuses, recording nothing, when the apply wrote no result and when the rollback wrote none', async () => {
    const missingAfter = (file: string) => {
      const stages = memoryStages({ verify: 'hold' }, NOW);
      const readJson = (f: string) =>
        f === file ? Promise.resolve({ kind: 'missing' as const }) : stages.ports.readJson(f);
      return runPromotionController(controllerRequest(), { ...stages.ports, readJson }, inputs());
    };
    const r = controllerRequest();
    expect(await missingAfter(r.files.applyResultFile)).toEqual({
      kind: 'refused',
      errorLine: `apply orchestration result file not found: ${r.files.applyResultFile}`,
    });
    expect(await missingAfter(r.files.rollbackResultFile)).toEqual({
      kind: 'refused',
      errorLine: `rollback orchestration result file not found: ${r.files.rollbackResultFile}`,
    });
  });

  it('refuses, recording nothing, when the dry run wrote no preview', async () => {
    const stages = memoryStages({}, NOW);
    const ports = { ...stages.ports, readJson: () => Promise.resolve({ kind: 'missing' as const }) };
    const outcome = await runPromotionController(controllerRequest(), ports, inputs());
    expect(outcome).toEqual({
      kind: 'refused',
      errorLine: 'preview result file not found: /repo/fleet/preview-result.json',
    });
  });

  it('records the previous run it saw', async () => {
    const s = stateOf(
      (await run({}, { mode: 'propose_only' }, { previousState: { status: 'hold', timestamp: 'T' } }))
        .outcome,
    );
    expect(s.observed).toEqual({ hasPreviousState: true, previousStatus: 'hold', previousTimestamp: 'T' });
  });
});
