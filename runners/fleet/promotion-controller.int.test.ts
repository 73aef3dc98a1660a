// Given the promotion fixtures, when `opsfold fleet promotion-controller` runs with opsfold's own stages
// in process, then it proposes, applies within its budget and holds past it, recording state and
// telemetry; and when the operator names replacement scripts, a failing stage is recorded as failed.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOVERNANCE_FLAGS, fleetDir, manifest, runPromotion, workCopy } from './promotion-test-fixtures.js';

const { asOf } = manifest();
let root = '';
let dispose = () => undefined as void;
beforeAll(() => ({ root, dispose } = workCopy()));
afterAll(() => dispose());

const governance = GOVERNANCE_FLAGS;
const control = (repo: string, extra: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  runPromotion(root, ['fleet', 'promotion-controller', '--repo', repo, '--as-of', asOf, ...extra], env);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');
const stateFile = (repo: string) => join(fleetDir(root, repo), 'promotion-controller-state.json');
const telemetryFile = (repo: string) => join(fleetDir(root, repo), 'telemetry', 'promotion-controller.jsonl');

describe("when opsfold's own stages run in process", () => {
  it('propose_only previews the decision, records a proposal and leaves the registry alone', async () => {
    const registry = join(fleetDir(root, 'advisory'), 'registry.v1.json');
    const before = existsSync(registry) ? readFileSync(registry, 'utf8') : null;
    const ran = await control('advisory', ['--loop-id', 'loop-a', '--evidence-ref', 'ev://1']);
    expect(ran.code).toBe(0);
    const out = JSON.parse(ran.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      status: 'proposed',
      timestamp: asOf,
      execution: { plannedAction: 'propose', applyExecuted: false },
      context: { loopId: 'loop-a', horizonRef: null, evidenceRefs: ['ev://1'] },
      decision: { freshness: { pass: true, ageSeconds: 0 } },
    });
    expect(json(stateFile('advisory'))).toEqual(out);
    expect(lines(telemetryFile('advisory'))).toHaveLength(1);
    expect(existsSync(registry) ? readFileSync(registry, 'utf8') : null).toBe(before);
  });

  it('guarded_auto_apply applies a fresh promote, then holds the next run on the spent budget', async () => {
    const first = await control('promote', [
      '--mode',
      'guarded_auto_apply',
      '--expand-step',
      '10',
      ...governance,
    ]);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({
      status: 'applied',
      execution: { action: 'apply', applyExecuted: true, expandStep: 10 },
      verification: { ran: true, status: 'pass', decision: 'promote' },
    });
    expect(json(join(fleetDir(root, 'promote'), 'promotion-controller-apply-result.json'))).toMatchObject({
      status: 'applied',
    });
    const second = await control('promote', [
      '--mode',
      'guarded_auto_apply',
      '--expand-step',
      '10',
      ...governance,
    ]);
    const out = JSON.parse(second.stdout) as { status: string; decision: { reasonCodes: string[] } };
    expect(out.status).toBe('hold');
    expect(out.decision.reasonCodes).toEqual([
      'controller_budget_apply_count_exceeded',
      'controller_budget_cooldown_active',
    ]);
    expect(json(stateFile('promote'))).toMatchObject({ observed: { previousStatus: 'applied' } });
    expect(lines(telemetryFile('promote'))).toHaveLength(2);
  });

  it('holds a hold decision', async () => {
    const ran = await control('hold-reliability', ['--mode', 'guarded_auto_apply', ...governance]);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      status: 'hold',
      decision: { promotionDecision: 'hold', reasonCodes: ['controller_decision_not_promote'] },
    });
  });
});

describe('when the operator names replacement scripts', () => {
  it('records a failing evaluate stage as failed and exits with its code', async () => {
    const script = join(root, 'orchestrate-fails.sh');
    writeFileSync(script, '#!/bin/sh\necho "no evaluation today" >&2\nexit 71\n');
    chmodSync(script, 0o755);
    const env = { OPS_MANAGER_PROMOTION_ORCHESTRATE_SCRIPT: script, PATH: process.env['PATH'] };
    const ran = await control('hold-small-sample', [], env);
    expect(ran.code).toBe(71);
    expect(ran.stderr).toContain('no evaluation today');
    expect(JSON.parse(ran.stdout)).toMatchObject({
      status: 'failed',
      error: { stage: 'evaluate', reasonCode: 'controller_evaluate_command_failed', exitCode: 71 },
    });
    expect(lines(telemetryFile('hold-small-sample'))).toHaveLength(1);
  });
});

describe('refusals', () => {
  it('needs the governance for guarded_auto_apply (exit 64, the reference line)', async () => {
    const ran = await control('promote', ['--mode', 'guarded_auto_apply', '--by', 'ops-1']);
    expect([ran.code, ran.stderr.split('\n')[0]]).toEqual([
      64,
      'error: --approval-ref is required for mode guarded_auto_apply',
    ]);
  });

  it('refuses a freeze windows file with an invalid window before any stage runs', async () => {
    const freeze = join(root, 'freeze.json');
    writeFileSync(freeze, '{"windows":[{"start":"2026-03-02T00:00:00Z","end":"2026-03-01T00:00:00Z"}]}');
    const ran = await control('hold-drill-stale', ['--freeze-windows-file', freeze]);
    expect([ran.code, ran.stderr.split('\n')[0]]).toEqual([
      1,
      `error: freeze windows file contains invalid window entries: ${freeze}`,
    ]);
    expect(existsSync(stateFile('hold-drill-stale'))).toBe(false);
    expect(
      existsSync(join(fleetDir(root, 'hold-drill-stale'), 'promotion-controller-preview-result.json')),
    ).toBe(false);
  });
});
